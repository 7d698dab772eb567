/**
 * The Prophet-style model: changepoint trend under a Laplace prior, Fourier seasonality, holidays, MAP fit on log1p counts.
 */
@NullMarked
package org.nyc311.forecast.model.prophet;

import org.jspecify.annotations.NullMarked;
