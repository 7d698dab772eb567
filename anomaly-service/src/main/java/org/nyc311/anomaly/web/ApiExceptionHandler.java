package org.nyc311.anomaly.web;

import org.nyc311.service.web.ApiProblemHandler;
import org.nyc311.service.web.ApiProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every API error is an RFC 9457 problem detail, through service-support's base handler (the API's own
 * checks and bad dates 400, an outage of the database 503 with Retry-After). Particular to this service:
 * shared-model's parsers refuse an unknown borough with IllegalArgumentException, a 400 here.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ApiProblemHandler {

    ApiExceptionHandler(ApiProperties properties) {
        super(properties);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage()));
    }
}
