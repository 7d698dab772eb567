/** Typed settings: where gold is, what a training does, and where MLflow is. */
@NullMarked
package org.nyc311.forecastservice.config;

import org.jspecify.annotations.NullMarked;
