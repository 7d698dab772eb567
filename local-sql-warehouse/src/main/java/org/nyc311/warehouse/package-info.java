/** The local SQL warehouse: a loopback-only Spark Thrift Server over the lake's gold Delta tables. */
@NullMarked
package org.nyc311.warehouse;

import org.jspecify.annotations.NullMarked;
