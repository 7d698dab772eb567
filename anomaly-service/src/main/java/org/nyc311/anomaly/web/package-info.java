/** REST: anomalies and alerts, documented with springdoc (OpenAPI at /v3/api-docs, Swagger UI at /swagger-ui). */
@NullMarked
package org.nyc311.anomaly.web;

import org.jspecify.annotations.NullMarked;
