/** Typed settings of the dashboard. */
@NullMarked
package org.nyc311.dashboard.config;

import org.jspecify.annotations.NullMarked;
