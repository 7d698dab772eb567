/** The local SQL warehouse: a loopback-only Spark Thrift Server over the lake's gold Delta tables. */
package org.nyc311.warehouse;
