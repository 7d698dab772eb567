/** The health of what forecast-service depends on, for {@code /actuator/health}: gold, MLflow and SQS (PostgreSQL is Boot's {@code db}). */
@NullMarked
package org.nyc311.forecastservice.health;

import org.jspecify.annotations.NullMarked;
