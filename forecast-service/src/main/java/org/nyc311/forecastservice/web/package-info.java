/** The REST API: catalog, stored and on-demand forecasts, models, runs; problem details for every error. */
@NullMarked
package org.nyc311.forecastservice.web;

import org.jspecify.annotations.NullMarked;
