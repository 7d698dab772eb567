/** The Explorer view: one series, its forecast, its model's quality and its MLflow run. */
package org.nyc311.dashboard.explorer;
