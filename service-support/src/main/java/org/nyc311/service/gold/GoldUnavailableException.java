package org.nyc311.service.gold;

/**
 * The warehouse could not be reached or refused a query. What waits for gold (a training, an anomaly
 * check) is tried again later; a request that needs it is answered 503.
 */
public class GoldUnavailableException extends RuntimeException {

    public GoldUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
