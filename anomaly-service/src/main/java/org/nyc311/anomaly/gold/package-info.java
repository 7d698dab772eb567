/** Actual daily counts from gold over JDBC, in a pool of their own. */
package org.nyc311.anomaly.gold;
