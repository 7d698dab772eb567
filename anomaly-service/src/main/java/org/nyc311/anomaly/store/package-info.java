/** The service's own PostgreSQL tables (Flyway {@code db/migration}); never another service's. */
package org.nyc311.anomaly.store;
