/** The check after each ForecastsPublished: snapshot, actuals, anomaly-engine, persistence, AnomalyAlert. */
package org.nyc311.anomaly.check;
