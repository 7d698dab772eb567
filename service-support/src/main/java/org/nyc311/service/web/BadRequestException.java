package org.nyc311.service.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request the API refuses with 400: the detail names the parameter and what it accepts. */
public class BadRequestException extends ApiProblemException {

    public BadRequestException(String detail) {
        this("Bad request", detail);
    }

    public BadRequestException(String title, String detail) {
        super(HttpStatus.BAD_REQUEST, title, detail, Map.of());
    }
}
