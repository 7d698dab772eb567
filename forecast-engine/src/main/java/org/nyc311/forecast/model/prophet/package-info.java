/**
 * The Prophet-style model: changepoint trend under a Laplace prior, Fourier seasonality, holidays, MAP fit on log1p counts.
 */
package org.nyc311.forecast.model.prophet;
