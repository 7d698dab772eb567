/**
 * Anomaly detection over forecast intervals: {@link org.nyc311.anomaly.engine.AnomalyDetector} judges each day
 * of a series against the interval forecast for it before it happened (spike, drop or inside), scores
 * the residual with a robust z-score and groups consecutive spikes into alert episodes. Plain Java: no
 * Spring, no static mutable state; the same input always gives the same output.
 */
@NullMarked
package org.nyc311.anomaly.engine;

import org.jspecify.annotations.NullMarked;
