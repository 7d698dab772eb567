/** What a pipeline run hands from the Spark job that did it to pipeline-controller, which reports it. */
@NullMarked
package org.nyc311.model.pipeline;

import org.jspecify.annotations.NullMarked;
