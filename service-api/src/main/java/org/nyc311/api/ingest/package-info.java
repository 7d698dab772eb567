/**
 * ingest-service's REST contract: the payload records and the {@code @HttpExchange} interface that its
 * controller implements and {@code ./nyc311 up} calls through a proxy.
 */
@NullMarked
package org.nyc311.api.ingest;

import org.jspecify.annotations.NullMarked;
