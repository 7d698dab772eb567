/**
 * Picocli commands (forecast, backtest) for the project launcher and for standalone use, their CSV format,
 * and the option mixins they share with anomaly-engine's detect.
 */
@NullMarked
package org.nyc311.forecast.cli;

import org.jspecify.annotations.NullMarked;
