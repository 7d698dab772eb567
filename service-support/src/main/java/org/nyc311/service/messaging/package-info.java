/**
 * Event messaging on SQS, the same in every service: shared-model's JSON, no Java type headers, and one
 * retry budget for every listener (a failed message comes back after a growing wait).
 */
@NullMarked
package org.nyc311.service.messaging;

import org.jspecify.annotations.NullMarked;
