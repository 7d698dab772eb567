/** The local-sql-warehouse module as a child JVM, for tests and ./nyc311 up. */
@NullMarked
package org.nyc311.testsupport.warehouse;

import org.jspecify.annotations.NullMarked;
