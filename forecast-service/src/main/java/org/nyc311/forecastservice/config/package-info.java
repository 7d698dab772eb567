/** Typed settings: where gold is, what a training does, and where MLflow is. */
package org.nyc311.forecastservice.config;
