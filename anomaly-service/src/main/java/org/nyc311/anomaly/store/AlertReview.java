package org.nyc311.anomaly.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What analysts have said of one alert so far: its acknowledgement and its current label (the latest of its
 * label history), each null while there is none.
 */
public record AlertReview(
        @Nullable Acknowledgement acknowledgement, @Nullable Label label) {

    public static final AlertReview NONE = new AlertReview(null, null);

    /** REAL: the alert was a rise worth acting on; FALSE: a false alert. */
    public enum Verdict {
        REAL,
        FALSE
    }

    public record Acknowledgement(String actor, Instant at) {}

    /** One entry of an alert's label history. */
    public record Label(Verdict verdict, String note, String actor, Instant at) {
        public Label {
            Objects.requireNonNull(verdict, "verdict");
            note = note == null ? "" : note;
        }
    }

    /**
     * The labelled precision of alerts opened from a day on.
     *
     * @param opened   alerts opened from that day on
     * @param labelled of those, with a current label
     * @param real     of those, whose current label is REAL
     */
    public record Precision(int opened, int labelled, int real) {

        /** The counts of several groups of alerts added up. */
        public static Precision total(Collection<Precision> parts) {
            int opened = 0;
            int labelled = 0;
            int real = 0;
            for (Precision part : parts) {
                opened += part.opened();
                labelled += part.labelled();
                real += part.real();
            }
            return new Precision(opened, labelled, real);
        }
    }
}
