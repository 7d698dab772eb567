/** The service's configuration, as {@code @ConfigurationProperties} records. */
package org.nyc311.anomaly.config;
