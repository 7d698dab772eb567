/** pipeline-controller's REST API as the dashboard calls it: proxies of service-api's PipelineRunApi and DataQualityApi. */
@NullMarked
package org.nyc311.dashboard.services.pipeline;

import org.jspecify.annotations.NullMarked;
