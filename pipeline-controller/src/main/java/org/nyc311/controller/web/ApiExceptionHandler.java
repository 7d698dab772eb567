package org.nyc311.controller.web;

import org.nyc311.model.event.EventJson;
import org.nyc311.service.web.ApiProblemHandler;
import org.nyc311.service.web.ApiProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every API error is an RFC 9457 problem detail, through service-support's base handler (Spring's own
 * 400s, a rerun of a batch never recorded 400, an unknown run 404, the database away 503 with
 * Retry-After). Particular to this service: a posted event that is no RawBatchLanded (shared-model's
 * {@code EventJson} refuses it, knowing nothing of HTTP) is the client's 400.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ApiProblemHandler {

    ApiExceptionHandler(ApiProperties properties) {
        super(properties);
    }

    @ExceptionHandler(EventJson.InvalidEventException.class)
    ResponseEntity<ProblemDetail> invalidEvent(EventJson.InvalidEventException e) {
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "Not a RawBatchLanded event", e.getMessage()));
    }
}
