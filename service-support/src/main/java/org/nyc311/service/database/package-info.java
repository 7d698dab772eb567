/** The service's own PostgreSQL at start-up: wait for it (readiness DOWN) instead of exiting. */
package org.nyc311.service.database;
