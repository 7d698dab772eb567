/** pipeline-controller's REST API as the dashboard calls it: a proxy of service-api's PipelineRunApi. */
@NullMarked
package org.nyc311.dashboard.services.pipeline;

import org.jspecify.annotations.NullMarked;
