/** The gold JDBC pool every gold reader opens the same way, and the check on the table names it is given. */
package org.nyc311.service.gold;
