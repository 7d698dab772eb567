/** The service's own PostgreSQL at start-up: wait for it (readiness DOWN) instead of exiting. */
@NullMarked
package org.nyc311.service.database;

import org.jspecify.annotations.NullMarked;
