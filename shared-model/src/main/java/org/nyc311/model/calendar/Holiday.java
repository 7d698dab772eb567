package org.nyc311.model.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * The holidays that move NYC 311 volumes: US federal holidays as New York City observes them,
 * plus the days around them that behave like holidays (the day after Thanksgiving, Christmas Eve,
 * New Year's Eve).
 */
public enum Holiday {
    NEW_YEARS_DAY(true),
    MLK_DAY(false),
    PRESIDENTS_DAY(false),
    MEMORIAL_DAY(false),
    JUNETEENTH(true),
    INDEPENDENCE_DAY(true),
    LABOR_DAY(false),
    COLUMBUS_DAY(false),
    VETERANS_DAY(true),
    THANKSGIVING(false),
    DAY_AFTER_THANKSGIVING(false),
    CHRISTMAS_EVE(false),
    CHRISTMAS_DAY(true),
    NEW_YEARS_EVE(false);

    /** Fixed-date holidays move their day off to the nearest weekday when they fall on a weekend. */
    private final boolean observedRuleApplies;

    Holiday(boolean observedRuleApplies) {
        this.observedRuleApplies = observedRuleApplies;
    }

    /** The calendar date of this holiday in a year, or empty if it did not exist yet that year. */
    public Optional<LocalDate> date(int year) {
        return Optional.ofNullable(
                switch (this) {
                    case NEW_YEARS_DAY -> LocalDate.of(year, 1, 1);
                    case MLK_DAY -> year < 1986 ? null : nth(year, Month.JANUARY, 3, DayOfWeek.MONDAY);
                    case PRESIDENTS_DAY -> nth(year, Month.FEBRUARY, 3, DayOfWeek.MONDAY);
                    case MEMORIAL_DAY ->
                        LocalDate.of(year, 5, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                    // a federal and New York City holiday from 2021 on
                    case JUNETEENTH -> year < 2021 ? null : LocalDate.of(year, 6, 19);
                    case INDEPENDENCE_DAY -> LocalDate.of(year, 7, 4);
                    case LABOR_DAY -> nth(year, Month.SEPTEMBER, 1, DayOfWeek.MONDAY);
                    case COLUMBUS_DAY -> nth(year, Month.OCTOBER, 2, DayOfWeek.MONDAY);
                    case VETERANS_DAY -> LocalDate.of(year, 11, 11);
                    case THANKSGIVING -> nth(year, Month.NOVEMBER, 4, DayOfWeek.THURSDAY);
                    case DAY_AFTER_THANKSGIVING ->
                        nth(year, Month.NOVEMBER, 4, DayOfWeek.THURSDAY).plusDays(1);
                    case CHRISTMAS_EVE -> LocalDate.of(year, 12, 24);
                    case CHRISTMAS_DAY -> LocalDate.of(year, 12, 25);
                    case NEW_YEARS_EVE -> LocalDate.of(year, 12, 31);
                });
    }

    /**
     * The weekday the city takes off instead, when the holiday falls on a weekend: Saturday's holiday
     * is observed on the Friday before, Sunday's on the Monday after. Empty when the holiday is on a
     * weekday or has no observed rule.
     */
    public Optional<LocalDate> observedInstead(int year) {
        if (!observedRuleApplies) {
            return Optional.empty();
        }
        return date(year).flatMap(d -> switch (d.getDayOfWeek()) {
            case SATURDAY -> Optional.of(d.minusDays(1));
            case SUNDAY -> Optional.of(d.plusDays(1));
            default -> Optional.empty();
        });
    }

    private static LocalDate nth(int year, Month month, int n, DayOfWeek day) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }
}
