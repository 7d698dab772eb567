/** The check after each ForecastsPublished: snapshot, actuals, anomaly-engine, persistence, AnomalyAlert. */
@NullMarked
package org.nyc311.anomaly.check;

import org.jspecify.annotations.NullMarked;
