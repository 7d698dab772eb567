package org.nyc311.forecastservice.web;

/** A request the API refuses with 400 and the reason. */
class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message);
    }
}
