package org.nyc311.anomaly.web;

/** A parameter the API cannot accept: a 400 problem detail naming it. */
class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message);
    }
}
