/** Running the delta-jobs job: one {@link org.nyc311.controller.job.JobRunner} interface, a local and a Databricks implementation. */
@NullMarked
package org.nyc311.controller.job;

import org.jspecify.annotations.NullMarked;
