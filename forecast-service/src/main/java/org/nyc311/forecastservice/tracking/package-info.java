/** MLflow: runs, metrics, forecast artifacts, registered model versions and the champion alias. */
@NullMarked
package org.nyc311.forecastservice.tracking;

import org.jspecify.annotations.NullMarked;
