/**
 * The health of each dependency a service has, for {@code /actuator/health}: what is down, where, why and
 * since when. PostgreSQL is Spring Boot's own {@code db} indicator.
 */
@NullMarked
package org.nyc311.service.health;

import org.jspecify.annotations.NullMarked;
