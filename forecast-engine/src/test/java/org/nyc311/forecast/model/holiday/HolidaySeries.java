package org.nyc311.forecast.model.holiday;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.calendar.HolidayCalendar;

/** Test fixture: a steady weekly pattern with every day off dipped by a known log effect. */
final class HolidaySeries {

    static final double LEVEL = 5000;
    static final double[] WEEK = {1.1, 1.05, 1, 1, 1, 0.7, 0.65}; // Monday first

    private HolidaySeries() {
    }

    /** @param noise log-scale standard deviation of the day-to-day noise, 0 for none; seeded by {@code seed} */
    static DailySeries withDip(LocalDate start, int days, double dip, long seed) {
        boolean[] observed = new boolean[days];
        int[] holidays = HolidayCalendar.newYorkCity().holidayOrdinals(start, days, observed);
        SplittableRandom random = new SplittableRandom(seed);
        double noise = seed == 0 ? 0 : 0.05;
        double[] y = new double[days];
        for (int t = 0; t < days; t++) {
            double log = Math.log(LEVEL * WEEK[start.plusDays(t).getDayOfWeek().getValue() - 1])
                    + noise * random.nextGaussian();
            if (holidays[t] >= 0 || observed[t]) {
                log -= dip;
            }
            y[t] = Math.round(Math.exp(log));
        }
        return new DailySeries(start, y);
    }
}
