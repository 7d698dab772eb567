/**
 * anomaly-service's REST contract: the payload records and the {@code @HttpExchange} interface that
 * its controller implements and the dashboard calls through a proxy.
 */
@NullMarked
package org.nyc311.api.anomaly;

import org.jspecify.annotations.NullMarked;
