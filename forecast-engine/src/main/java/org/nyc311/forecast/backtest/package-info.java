/**
 * Rolling-origin backtests of forecasters on series whose futures are known.
 */
package org.nyc311.forecast.backtest;
