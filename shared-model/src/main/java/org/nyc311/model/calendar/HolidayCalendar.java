package org.nyc311.model.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which holiday, if any, falls on a date, and whether the date is a weekday taken off in place
 * of a weekend holiday. Immutable; the lookups are computed per year on demand.
 *
 * <p>The one calendar of the platform: gold's {@code is_holiday} flag is {@link #daysOff}, and the
 * forecasting engine's holiday effects use the same days, so a day gold flags is a day the engine
 * models as a holiday and the other way round.
 */
public final class HolidayCalendar {

    private static final HolidayCalendar NYC = new HolidayCalendar(EnumSet.allOf(Holiday.class));

    private final Set<Holiday> holidays;

    public HolidayCalendar(Set<Holiday> holidays) {
        this.holidays = Set.copyOf(holidays);
    }

    /** Every holiday in {@link Holiday}. */
    public static HolidayCalendar newYorkCity() {
        return NYC;
    }

    public Set<Holiday> holidays() {
        return holidays;
    }

    /** The holiday on this date, if any (when two share a date, the earlier in the enum wins). */
    public Optional<Holiday> holidayOn(LocalDate date) {
        return Optional.ofNullable(yearTable(date.getYear()).get(date));
    }

    /** True on a weekday that replaces a holiday falling on the weekend (possibly in another year). */
    public boolean isObservedDayOff(LocalDate date) {
        for (int year = date.getYear() - 1; year <= date.getYear() + 1; year++) {
            for (Holiday h : holidays) {
                Optional<LocalDate> observed = h.observedInstead(year);
                if (observed.isPresent() && observed.get().equals(date)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The days off in {@code [from, to]}, in order: every date a holiday falls on (a weekend one
     * included) and every weekday taken off in its place. These are the days the forecasting engine
     * treats as holidays.
     */
    public List<LocalDate> daysOff(LocalDate from, LocalDate to) {
        int days = Math.toIntExact(to.toEpochDay() - from.toEpochDay() + 1);
        if (days <= 0) {
            return List.of();
        }
        int[] observedFor = new int[days];
        int[] ordinals = holidayOrdinals(from, days, observedFor);
        List<LocalDate> off = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            if (ordinals[i] >= 0 || observedFor[i] >= 0) {
                off.add(from.plusDays(i));
            }
        }
        return off;
    }

    /**
     * Day-by-day holiday flags for {@code days} days from {@code start}, computed in one pass so that
     * building a design matrix does not redo the calendar arithmetic per day. Observed days off say
     * which holiday they stand in for, so that a Friday taken off for a Saturday Veterans Day can be
     * treated as Veterans Day rather than as some generic day off.
     *
     * @return for each day the ordinal of its {@link Holiday}, or -1; and in {@code observedFor}, the
     *         ordinal of the holiday observed on that day, or -1
     */
    public int[] holidayOrdinals(LocalDate start, int days, int[] observedFor) {
        int[] ordinals = new int[days];
        java.util.Arrays.fill(ordinals, -1);
        java.util.Arrays.fill(observedFor, 0, days, -1);
        if (days == 0) {
            return ordinals;
        }
        LocalDate end = start.plusDays(days - 1L);
        for (int year = start.getYear() - 1; year <= end.getYear() + 1; year++) {
            for (Holiday h : Holiday.values()) {
                if (!holidays.contains(h)) {
                    continue;
                }
                final int y = year;
                h.date(y).ifPresent(d -> {
                    long i = d.toEpochDay() - start.toEpochDay();
                    if (i >= 0 && i < days && ordinals[(int) i] < 0) {
                        ordinals[(int) i] = h.ordinal();
                    }
                });
                h.observedInstead(y).ifPresent(d -> {
                    long i = d.toEpochDay() - start.toEpochDay();
                    if (i >= 0 && i < days && observedFor[(int) i] < 0) {
                        observedFor[(int) i] = h.ordinal();
                    }
                });
            }
        }
        return ordinals;
    }

    private Map<LocalDate, Holiday> yearTable(int year) {
        Map<LocalDate, Holiday> table = new HashMap<>();
        for (Holiday h : Holiday.values()) {
            if (holidays.contains(h)) {
                h.date(year).ifPresent(d -> table.putIfAbsent(d, h));
            }
        }
        return table;
    }
}
