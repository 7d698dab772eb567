/**
 * Rolling-origin backtests of forecasters on series whose futures are known.
 */
@NullMarked
package org.nyc311.forecast.backtest;

import org.jspecify.annotations.NullMarked;
