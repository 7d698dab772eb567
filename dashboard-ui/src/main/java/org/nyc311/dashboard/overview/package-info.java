/** The Overview view: what an analyst opens every morning. */
@NullMarked
package org.nyc311.dashboard.overview;

import org.jspecify.annotations.NullMarked;
