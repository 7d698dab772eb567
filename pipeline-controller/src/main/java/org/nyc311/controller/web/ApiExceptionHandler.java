package org.nyc311.controller.web;

import org.nyc311.controller.run.RunCoordinator;
import org.nyc311.model.event.EventJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every API error is an RFC 9457 problem detail; Spring's own (bad JSON, bad parameters) are 400 ones. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(RunCoordinator.UnknownBatchException.class)
    ProblemDetail unknownBatch(RunCoordinator.UnknownBatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Unknown batch");
        return problem;
    }

    @ExceptionHandler(EventJson.InvalidEventException.class)
    ProblemDetail invalidEvent(EventJson.InvalidEventException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Not a RawBatchLanded event");
        return problem;
    }

    @ExceptionHandler(RunsController.RunNotFoundException.class)
    ProblemDetail notFound(RunsController.RunNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Run not found");
        return problem;
    }
}
