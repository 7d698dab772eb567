package org.nyc311.service.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The base handler as it is, for a service with nothing particular to add; declared by
 * {@link ApiProblemsAutoConfiguration} only where the service has no handler of its own (no service
 * scans this package).
 */
@RestControllerAdvice
class DefaultApiProblemHandler extends ApiProblemHandler {

    DefaultApiProblemHandler(ApiProperties properties) {
        super(properties);
    }
}
