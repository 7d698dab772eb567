package org.nyc311.faults.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waiting for what a fault test expects the system to reach, by asking again and again. */
public final class Polling {

    private Polling() {}

    /**
     * Asks {@code probe} every {@code interval} until it gives a value that is neither null nor {@code false}, and
     * returns it; a probe that throws is asked again. Fails with what was awaited and the last error.
     */
    public static <T> T await(String what, Duration timeout, Duration interval, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = probe.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            ServiceJvm.sleep(interval);
        }
        throw new AssertionError(
                "timed out after " + timeout + " waiting for: " + what
                        + (last == null ? "" : " (last error: " + last + ")"),
                last);
    }
}
