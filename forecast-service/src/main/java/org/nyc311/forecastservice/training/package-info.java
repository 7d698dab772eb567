/** A training from gold to announcement, and the single worker that runs trainings and retries what waits. */
@NullMarked
package org.nyc311.forecastservice.training;

import org.jspecify.annotations.NullMarked;
