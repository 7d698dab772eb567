/** The health of what ingest-service depends on, for {@code /actuator/health}: S3 and SQS (PostgreSQL is Boot's {@code db}). */
package org.nyc311.ingest.health;
