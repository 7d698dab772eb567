package org.nyc311.forecast.bench;

import org.nyc311.forecast.metrics.Accuracy;

/**
 * What the forecasting benchmark reports of one method on one series and horizon.
 *
 * @param accuracy MAPE, WAPE, MASE and coverage, as the engine's backtest computes them
 * @param msis     the mean scaled interval score (M4's MSIS): lower is better; it rewards narrow intervals and
 *                 charges {@code 2 / alpha} per unit an actual falls outside
 */
public record BenchmarkScore(Accuracy accuracy, double msis) {}
