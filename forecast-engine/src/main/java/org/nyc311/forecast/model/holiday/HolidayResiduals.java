package org.nyc311.forecast.model.holiday;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.model.LogScale;
import org.nyc311.model.calendar.Holiday;
import org.nyc311.model.calendar.HolidayCalendar;

/**
 * The days off of one series and how far each fell from an ordinary day: its log1p count minus the
 * mean log1p count of the same weekday one and two weeks before and after it (those that are not
 * days off themselves). Computed once per series, so that the effects seen from every prefix of a
 * rolling-origin cross-validation cost a few operations per day off, not a pass over the series.
 * A prefix only ever uses neighbours inside it.
 */
final class HolidayResiduals {

    /** Same-weekday neighbours that give a day its ordinary level. */
    static final int[] NEIGHBOUR_WEEKS = {-14, -7, 7, 14};
    /** Ordinary days that give the day-to-day noise: the most recent year is enough and the most relevant. */
    static final int NOISE_WINDOW = 365;
    /**
     * Days off are keyed by their holiday's ordinal; a weekday taken off for a weekend holiday by the
     * ordinal of the holiday it stands in for, since the city closes for it as it would on the day.
     */
    static final int KEYS = Holiday.values().length;

    private final DailySeries series;
    private final HolidayCalendar calendar;
    private final double[] z;
    private final int[] keys;
    private final int[] offDays;

    private HolidayResiduals(DailySeries series, HolidayCalendar calendar) {
        this.series = series;
        this.calendar = calendar;
        this.z = LogScale.toLog(series.values(), series.length());
        this.keys = keys(calendar, series, 0, series.length());
        this.offDays = java.util.stream.IntStream.range(0, keys.length)
                .filter(t -> keys[t] >= 0)
                .toArray();
    }

    static HolidayResiduals of(DailySeries series, HolidayCalendar calendar) {
        return new HolidayResiduals(series, calendar);
    }

    DailySeries series() {
        return series;
    }

    HolidayCalendar calendar() {
        return calendar;
    }

    /** The days off before {@code end}, ascending. */
    int[] offDaysBefore(int end) {
        int k = Arrays.binarySearch(offDays, end);
        return Arrays.copyOf(offDays, k >= 0 ? k : -k - 1);
    }

    /**
     * The days off before {@code end} that have an ordinary neighbour inside that prefix, and their
     * residuals as the prefix sees them; both ascending by day.
     */
    record Seen(int[] days, double[] residuals) {
        int count() {
            return days.length;
        }
    }

    Seen seen(int end) {
        int[] candidates = offDaysBefore(end);
        int[] days = new int[candidates.length];
        double[] r = new double[candidates.length];
        int n = 0;
        for (int t : candidates) {
            double v = residual(t, end);
            if (!Double.isNaN(v)) {
                days[n] = t;
                r[n++] = v;
            }
        }
        return new Seen(Arrays.copyOf(days, n), Arrays.copyOf(r, n));
    }

    int key(int day) {
        return keys[day];
    }

    /** Day {@code t}'s residual as the prefix of {@code end} days sees it; NaN when it has no ordinary neighbour there. */
    double residual(int t, int end) {
        double sum = 0;
        int k = 0;
        for (int offset : NEIGHBOUR_WEEKS) {
            int s = t + offset;
            if (s >= 0 && s < end && keys[s] < 0) {
                sum += z[s];
                k++;
            }
        }
        return k == 0 ? Double.NaN : z[t] - sum / k;
    }

    /**
     * Variance of one day's residual on ordinary days of the last year before {@code end}, robustly
     * (1.4826 x median absolute deviation, squared), so that storms and cold snaps do not inflate it;
     * {@code fallback} when there are too few days to tell.
     */
    double noiseVariance(int end, double fallback) {
        double[] r = new double[Math.min(end, NOISE_WINDOW)];
        int k = 0;
        for (int t = Math.max(0, end - NOISE_WINDOW); t < end; t++) {
            if (keys[t] < 0) {
                double v = residual(t, end);
                if (!Double.isNaN(v)) {
                    r[k++] = v;
                }
            }
        }
        if (k < 8) {
            return fallback;
        }
        Median median = new Median();
        double[] values = Arrays.copyOf(r, k);
        double centre = median.evaluate(values);
        for (int i = 0; i < k; i++) {
            values[i] = Math.abs(values[i] - centre);
        }
        double sd = 1.4826 * median.evaluate(values);
        return Math.max(sd * sd, 1e-4);
    }

    /** Per day from {@code from} (may lie past the end of the series): the day-off key, or -1. */
    static int[] keys(HolidayCalendar calendar, DailySeries series, int from, int days) {
        int[] observedFor = new int[days];
        int[] keys = calendar.holidayOrdinals(series.start().plusDays(from), days, observedFor);
        for (int i = 0; i < days; i++) {
            if (keys[i] < 0) {
                keys[i] = observedFor[i];
            }
        }
        return keys;
    }
}
