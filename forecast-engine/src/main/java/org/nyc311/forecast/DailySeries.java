package org.nyc311.forecast;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * One series of daily counts on consecutive days, starting at {@code start}.
 *
 * <p>The array is copied in and never handed out for writing, so a series can be shared
 * between threads and between the fits of one cross-validation.
 */
public record DailySeries(LocalDate start, double[] counts) {

    public DailySeries {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(counts, "counts");
        counts = counts.clone();
        for (int i = 0; i < counts.length; i++) {
            double c = counts[i];
            if (!Double.isFinite(c) || c < 0) {
                throw new IllegalArgumentException(
                        "count on " + start.plusDays(i) + " must be a finite number >= 0, was " + c);
            }
        }
    }

    public int length() {
        return counts.length;
    }

    public double count(int day) {
        return counts[day];
    }

    public LocalDate date(int day) {
        return start.plusDays(day);
    }

    /** The day after the last observation: where a forecast starts. */
    public LocalDate end() {
        return start.plusDays(counts.length);
    }

    /** The first {@code days} days: the history an origin at that day would have seen. */
    public DailySeries prefix(int days) {
        return new DailySeries(start, Arrays.copyOf(counts, days));
    }

    /** A copy of the counts; callers may change it freely. */
    public double[] values() {
        return counts.clone();
    }

    public boolean allZero() {
        for (double c : counts) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DailySeries other && start.equals(other.start) && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return 31 * start.hashCode() + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "DailySeries[start=" + start + ", days=" + counts.length + "]";
    }
}
