/** MLflow: runs, metrics, forecast artifacts, registered model versions and the champion alias. */
package org.nyc311.forecastservice.tracking;
