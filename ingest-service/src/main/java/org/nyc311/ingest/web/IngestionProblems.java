package org.nyc311.ingest.web;

import org.nyc311.service.web.ApiProblemHandler;
import org.nyc311.service.web.ApiProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Errors as RFC 9457 problem details, each saying what to change, through service-support's base
 * handler (an unknown run 404, dates out of range 400, a window already running 409 naming the run, a
 * full run queue or the database away 503 with Retry-After). Particular to ingestion: a bad window or
 * source is an "Invalid ingestion request", and an unreadable body shows the body to send.
 */
@RestControllerAdvice
class IngestionProblems extends ApiProblemHandler {

    private static final String INVALID = "Invalid ingestion request";

    IngestionProblems(ApiProperties properties) {
        super(properties);
    }

    @Override
    protected String invalidRequestTitle() {
        return INVALID;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(problem(
                        HttpStatus.BAD_REQUEST,
                        INVALID,
                        "the body must be JSON like {\"kind\":\"BACKFILL\",\"from\":\"2026-01-01T00:00:00\",\"to\":\"2026-01-31T23:59:59\"} "
                                + "with kind BACKFILL or INCREMENTAL: "
                                + e.getMostSpecificCause().getMessage()));
    }
}
