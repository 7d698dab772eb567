/** SQS in: ForecastsPublished, in the shared event JSON. */
package org.nyc311.anomaly.messaging;
