/** The service's configuration, as {@code @ConfigurationProperties} records. */
@NullMarked
package org.nyc311.anomaly.config;

import org.jspecify.annotations.NullMarked;
