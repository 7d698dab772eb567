/** pipeline-controller's REST API as the dashboard reads it. */
package org.nyc311.dashboard.services.pipeline;
