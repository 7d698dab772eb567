/**
 * Rolling detection for whole series: every day forecast from the days strictly before it with the
 * forecasting engine, then judged by the {@link org.nyc311.anomaly.engine.AnomalyDetector}.
 */
@NullMarked
package org.nyc311.anomaly.engine.rolling;

import org.jspecify.annotations.NullMarked;
