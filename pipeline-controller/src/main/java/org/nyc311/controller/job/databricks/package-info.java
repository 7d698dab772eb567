/** The Databricks runner: Jobs API 2.2 through the Databricks SDK for Java (run-now, runs/get, runs/cancel). */
@NullMarked
package org.nyc311.controller.job.databricks;

import org.jspecify.annotations.NullMarked;
