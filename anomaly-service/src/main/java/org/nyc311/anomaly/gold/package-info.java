/** Actual daily counts from gold over JDBC, in a pool of their own. */
@NullMarked
package org.nyc311.anomaly.gold;

import org.jspecify.annotations.NullMarked;
