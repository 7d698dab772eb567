/** SQS in: ForecastsPublished, in the shared event JSON. */
@NullMarked
package org.nyc311.anomaly.messaging;

import org.jspecify.annotations.NullMarked;
