/** The REST API: catalog, stored and on-demand forecasts, models, runs; problem details for every error. */
package org.nyc311.forecastservice.web;
