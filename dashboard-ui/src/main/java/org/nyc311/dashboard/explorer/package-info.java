/** The Explorer view: one series, its forecast, its model's quality and its MLflow run. */
@NullMarked
package org.nyc311.dashboard.explorer;

import org.jspecify.annotations.NullMarked;
