package org.nyc311.forecast.model.prophet;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.nyc311.forecast.DailySeries;
import org.nyc311.model.calendar.HolidayCalendar;

/**
 * A series' parent (all complaints of its borough, the whole city), from which a series under a year old borrows a
 * {@link ParentShape}: at each cutoff, the shape learnt from the parent's days <em>before</em> it. Every fit of the
 * child, at each rolling origin of its model race and of its interval calibration as at its last day, borrows the
 * shape the parent had then, so that neither the race nor the calibration sees the parent's days after an origin
 * (a shape learnt once on the parent's whole history would hold the very days each origin is scored on).
 *
 * <p>Thread-safe: the shapes are learnt once per cutoff and kept, so the series of a training that share a parent
 * and end on the same day (their origins fall on the same dates) fit the parent once per origin between them. A
 * cutoff at which the parent has under a year behind it, or no requests, or cannot be fitted lends nothing.
 */
public final class Parent {

    private final DailySeries history;
    private final HolidayCalendar calendar;
    /** Sized for a series' 40-odd calibration origins and its search's, so that it does not resize under load. */
    private final ConcurrentMap<Integer, Optional<ParentShape>> byDays = new ConcurrentHashMap<>(128);

    private Parent(DailySeries history, HolidayCalendar calendar) {
        this.history = Objects.requireNonNull(history);
        this.calendar = Objects.requireNonNull(calendar);
    }

    public static Parent of(DailySeries history, HolidayCalendar calendar) {
        return new Parent(history, calendar);
    }

    public static Parent of(DailySeries history) {
        return of(history, HolidayCalendar.newYorkCity());
    }

    /** Whether the parent has a whole year by its last day, so that it can lend at some cutoff. */
    public boolean canLend() {
        return history.length() >= ParentShape.BORROWED_BELOW_DAYS && !history.allZero();
    }

    /** The shape learnt from the parent's days strictly before {@code cutoff}; empty when they cannot lend one. */
    public Optional<ParentShape> shapeBefore(LocalDate cutoff) {
        long days = Math.min(history.length(), ChronoUnit.DAYS.between(history.start(), cutoff));
        if (days < ParentShape.BORROWED_BELOW_DAYS) {
            return Optional.empty();
        }
        return byDays.computeIfAbsent((int) days, this::learn);
    }

    private Optional<ParentShape> learn(int days) {
        try {
            return ParentShape.of(history.prefix(days), calendar);
        } catch (RuntimeException e) {
            // a parent whose fit fails (a design that will not factor) costs its children their borrowing only
            return Optional.empty();
        }
    }
}
