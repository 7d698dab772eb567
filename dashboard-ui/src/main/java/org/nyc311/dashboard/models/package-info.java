/** The Models view: cross-validation error and interval coverage per series and per training. */
@NullMarked
package org.nyc311.dashboard.models;

import org.jspecify.annotations.NullMarked;
