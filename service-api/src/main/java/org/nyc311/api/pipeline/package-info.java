/**
 * pipeline-controller's REST contract: the payload records and the {@code @HttpExchange} interface that
 * its controller implements and the dashboard and {@code ./nyc311 up} call through a proxy.
 */
@NullMarked
package org.nyc311.api.pipeline;

import org.jspecify.annotations.NullMarked;
