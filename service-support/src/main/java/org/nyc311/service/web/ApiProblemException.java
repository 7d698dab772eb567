package org.nyc311.service.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal a service means to give: its status, a short title that names the kind of problem, and a
 * detail that says what to change. {@link ApiProblemHandler} answers it as an RFC 9457 problem detail
 * with any extra members ({@link #properties()}) a client reads, e.g. the id of the run in the way.
 */
public abstract class ApiProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final String detail;
    private final Map<String, Object> properties;

    protected ApiProblemException(HttpStatus status, String title, String detail, Map<String, ?> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.properties = Map.copyOf(new LinkedHashMap<>(properties));
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        // the field, not getMessage(): the same text, typed non-null
        return detail;
    }

    /** Extra members of the problem, beside type, title, status, detail and instance. */
    public Map<String, Object> properties() {
        return properties;
    }
}
