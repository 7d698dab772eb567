/**
 * Picocli commands (forecast, backtest) for the project launcher and for standalone use, and their CSV format.
 */
package org.nyc311.forecast.cli;
