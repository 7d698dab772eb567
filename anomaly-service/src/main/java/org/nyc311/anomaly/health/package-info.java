/** The health of what anomaly-service depends on, for {@code /actuator/health}: gold, forecast-service and SQS (PostgreSQL is Boot's {@code db}). */
@NullMarked
package org.nyc311.anomaly.health;

import org.jspecify.annotations.NullMarked;
