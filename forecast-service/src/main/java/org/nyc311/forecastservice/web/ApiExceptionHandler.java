package org.nyc311.forecastservice.web;

import org.nyc311.forecastservice.gold.GoldWarehouse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error is an RFC 9457 problem detail. Spring's own (bad JSON, a parameter of the wrong
 * type) are 400s through the base class; bad values the API checks itself are 400s here, and the
 * shared-model parsers' IllegalArgumentException (a malformed series id, an unknown borough) too.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler({BadRequestException.class, IllegalArgumentException.class})
    ProblemDetail badRequest(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad request");
        return problem;
    }

    @ExceptionHandler(SeriesNotFoundException.class)
    ProblemDetail notFound(SeriesNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown series");
        return problem;
    }

    @ExceptionHandler(GoldWarehouse.GoldUnavailableException.class)
    ProblemDetail goldUnavailable(GoldWarehouse.GoldUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the gold warehouse cannot be read right now; stored forecasts are still served");
        problem.setTitle("Gold unavailable");
        return problem;
    }
}
