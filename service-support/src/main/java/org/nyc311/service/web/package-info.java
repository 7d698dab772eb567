/**
 * RFC 9457 problem details, the same in every service: one base handler, typed exceptions for the
 * statuses a service answers on purpose (400, 404, 409, 503), and the guard for date parameters.
 * A client's mistake is a 4xx, an outage a 503 with Retry-After, and only a fault of ours a 500.
 */
@NullMarked
package org.nyc311.service.web;

import org.jspecify.annotations.NullMarked;
