/**
 * Forecasts that add up across gold's levels: {@link org.nyc311.forecast.reconcile.LevelLayout} lays the series out
 * as they sum (with the remainders of what is not forecast), {@link
 * org.nyc311.forecast.reconcile.MinTReconciliation} makes their forecasts coherent.
 */
@NullMarked
package org.nyc311.forecast.reconcile;

import org.jspecify.annotations.NullMarked;
