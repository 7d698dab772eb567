package org.nyc311.service.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** What the request names does not exist here: 404, with a title that says what kind of thing. */
public class NotFoundException extends ApiProblemException {

    public NotFoundException(String title, String detail) {
        super(HttpStatus.NOT_FOUND, title, detail, Map.of());
    }
}
