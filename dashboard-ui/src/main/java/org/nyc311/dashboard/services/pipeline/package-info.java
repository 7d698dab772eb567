/** pipeline-controller's REST API as the dashboard calls it: a proxy of service-api's PipelineRunApi. */
package org.nyc311.dashboard.services.pipeline;
