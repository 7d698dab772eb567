/** The service's own PostgreSQL tables (Flyway {@code db/migration}); never another service's. */
@NullMarked
package org.nyc311.anomaly.store;

import org.jspecify.annotations.NullMarked;
