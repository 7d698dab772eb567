package org.nyc311.anomaly.notify;

/** One place alert notifications go. {@link #send} throws when the notice did not get there. */
public interface AlertChannel extends AutoCloseable {

    /** The channel's name in {@code alert_delivery}, logs and metrics: {@code webhook}, {@code sns}. */
    String name();

    void send(AlertNotice notice);

    @Override
    default void close() {}
}
