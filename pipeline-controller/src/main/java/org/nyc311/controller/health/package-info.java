/** The health of what the controller depends on, for {@code /actuator/health}: S3 and SQS (PostgreSQL is Boot's {@code db}). */
package org.nyc311.controller.health;
