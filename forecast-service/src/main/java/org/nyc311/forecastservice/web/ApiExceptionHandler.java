package org.nyc311.forecastservice.web;

import org.nyc311.service.gold.GoldUnavailableException;
import org.nyc311.service.web.ApiProblemHandler;
import org.nyc311.service.web.ApiProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every API error is an RFC 9457 problem detail, through service-support's base handler (bad
 * parameters, a malformed series id or an unknown borough, bad dates and malformed requests 400, an
 * unknown series 404, an outage 503). What is particular to this service: gold being away is a 503 that
 * says stored forecasts still serve.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ApiProblemHandler {

    ApiExceptionHandler(ApiProperties properties) {
        super(properties);
    }

    @ExceptionHandler(GoldUnavailableException.class)
    ResponseEntity<ProblemDetail> goldUnavailable(GoldUnavailableException e) {
        return unavailable(
                problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Gold unavailable",
                        "the gold warehouse cannot be read right now; stored forecasts are still served"),
                null);
    }
}
