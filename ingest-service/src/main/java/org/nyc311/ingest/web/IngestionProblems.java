package org.nyc311.ingest.web;

import java.net.URI;
import org.nyc311.ingest.run.RunConflictException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors as RFC 9457 problem details, each saying what to change; ahead of Boot's generic handler. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = IngestionController.class)
class IngestionProblems {

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid ingestion request", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid ingestion request",
                "the body must be JSON like {\"kind\":\"BACKFILL\",\"from\":\"2026-01-01T00:00:00\",\"to\":\"2026-01-31T23:59:59\"} "
                        + "with kind BACKFILL or INCREMENTAL: " + e.getMostSpecificCause().getMessage());
    }

    @ExceptionHandler(RunConflictException.class)
    ProblemDetail conflict(RunConflictException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Window already running", e.getMessage());
        problem.setProperty("runningRunId", e.runningRunId());
        return problem;
    }

    @ExceptionHandler(IngestionController.UnknownRunException.class)
    ProblemDetail notFound(IngestionController.UnknownRunException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown ingestion run", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return problem;
    }
}
