/**
 * Per-series model choice and hyperparameter search by rolling-origin cross-validation.
 */
@NullMarked
package org.nyc311.forecast.selection;

import org.jspecify.annotations.NullMarked;
