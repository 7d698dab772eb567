package org.nyc311.forecast.model;

/**
 * A model fitted to one history: it can only forecast forward from the end of that history.
 */
public interface FittedModel {

    /** Point forecasts on the count scale for the next {@code horizon} days. Finite and >= 0. */
    double[] predict(int horizon);

    /**
     * How far the model's own trend could wander by each future day, as a standard deviation on the
     * log1p scale (Prophet's simulated future changepoints). Models without a stochastic trend add
     * nothing beyond their residuals, hence zeros.
     */
    default double[] trendSpread(int horizon, long seed) {
        return new double[horizon];
    }
}
