package org.nyc311.service.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** The request collides with work under way: 409, with the members a client needs to find that work. */
public class ConflictException extends ApiProblemException {

    public ConflictException(String title, String detail) {
        this(title, detail, Map.of());
    }

    public ConflictException(String title, String detail, Map<String, ?> properties) {
        super(HttpStatus.CONFLICT, title, detail, properties);
    }
}
