/**
 * Per-series model choice and hyperparameter search by rolling-origin cross-validation.
 */
package org.nyc311.forecast.selection;
