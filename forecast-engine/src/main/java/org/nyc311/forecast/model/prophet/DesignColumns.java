package org.nyc311.forecast.model.prophet;

import org.nyc311.model.calendar.Holiday;

/**
 * Where each block of {@link ProphetDesign}'s columns lies, in this order: the intercept, the slope,
 * one ramp per changepoint candidate, the weekly and the yearly Fourier pairs at their highest order,
 * one indicator per {@link Holiday}, and the three day-off columns (observed day off, the effect all
 * days off share, the working day after one). Only the number of changepoint candidates varies from
 * series to series; everything else is fixed.
 */
record DesignColumns(int changepoints) {

    static final int INTERCEPT = 0;
    static final int SLOPE = 1;
    private static final int FIRST_RAMP = 2;
    private static final int HOLIDAYS = Holiday.values().length;

    DesignColumns {
        if (changepoints < 0) {
            throw new IllegalArgumentException("changepoint candidates cannot be negative: " + changepoints);
        }
    }

    /** The ramp {@code (t - c_j)+} of changepoint candidate {@code j} (from 0). */
    int ramp(int j) {
        return FIRST_RAMP + j;
    }

    /** The sine of weekly Fourier order {@code order} (from 1); its cosine is the next column. */
    int weeklySine(int order) {
        return firstWeekly() + 2 * (order - 1);
    }

    /** The sine of yearly Fourier order {@code order} (from 1); its cosine is the next column. */
    int yearlySine(int order) {
        return firstYearly() + 2 * (order - 1);
    }

    /** A holiday's own column: its deviation from the effect all days off share. */
    int holiday(int ordinal) {
        return firstHoliday() + ordinal;
    }

    int holiday(Holiday holiday) {
        return holiday(holiday.ordinal());
    }

    /** A weekday taken off for a holiday that fell on a weekend. */
    int observedDayOff() {
        return firstHoliday() + HOLIDAYS;
    }

    /** The effect every day off shares (partial pooling of the holidays). */
    int sharedDayOff() {
        return observedDayOff() + 1;
    }

    /** The working day after a day off, which catches up on what the day off did not report. */
    int dayAfterDayOff() {
        return observedDayOff() + 2;
    }

    /** The number of columns. */
    int width() {
        return dayAfterDayOff() + 1;
    }

    /** The first column with a seasonality prior: the weekly pairs, then the yearly ones. */
    int firstWeekly() {
        return FIRST_RAMP + changepoints;
    }

    int firstYearly() {
        return firstWeekly() + 2 * ProphetSettings.MAX_WEEKLY_ORDER;
    }

    /** The first column with a holiday prior: the holidays' own columns, then the day-off columns. */
    int firstHoliday() {
        return firstYearly() + 2 * ProphetSettings.MAX_YEARLY_ORDER;
    }
}
