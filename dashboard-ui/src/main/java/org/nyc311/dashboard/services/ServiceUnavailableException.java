package org.nyc311.dashboard.services;

import org.jspecify.annotations.Nullable;

/**
 * A service did not answer, or answered with an error: the views show {@link #getMessage()} in a notice
 * naming the service, never a stack trace.
 */
public class ServiceUnavailableException extends RuntimeException {

    private final String service;

    public ServiceUnavailableException(String service, String reason, @Nullable Throwable cause) {
        super(service + " unavailable: " + reason, cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
