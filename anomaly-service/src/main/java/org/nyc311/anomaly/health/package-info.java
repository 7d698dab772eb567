/** The health of what anomaly-service depends on, for {@code /actuator/health}: gold, forecast-service and SQS (PostgreSQL is Boot's {@code db}). */
package org.nyc311.anomaly.health;
