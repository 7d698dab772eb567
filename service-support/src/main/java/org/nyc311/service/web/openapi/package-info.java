/**
 * What every service's OpenAPI document (springdoc) declares the same way: the problem-details answers
 * {@link org.nyc311.service.web.ApiProblemHandler} really gives, and which properties of the payloads may
 * be null, so that an outside client (Schemathesis in the services' tests) can hold the API to its document.
 */
@NullMarked
package org.nyc311.service.web.openapi;

import org.jspecify.annotations.NullMarked;
