/** The gold JDBC pool every gold reader opens the same way, and the check on the table names it is given. */
@NullMarked
package org.nyc311.service.gold;

import org.jspecify.annotations.NullMarked;
