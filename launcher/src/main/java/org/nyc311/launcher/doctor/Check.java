package org.nyc311.launcher.doctor;

/** One finding of {@code ./nyc311 doctor}. MISSING blocks the platform; DEGRADED only limits it. */
public record Check(String name, Outcome outcome, String detail) {

    public enum Outcome {
        OK,
        DEGRADED,
        MISSING
    }
}
