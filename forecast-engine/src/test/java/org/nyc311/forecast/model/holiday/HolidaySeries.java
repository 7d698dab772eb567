package org.nyc311.forecast.model.holiday;

import java.time.LocalDate;
import java.util.Map;
import java.util.SplittableRandom;
import org.nyc311.forecast.DailySeries;
import org.nyc311.model.calendar.Holiday;
import org.nyc311.model.calendar.HolidayCalendar;

/** Test fixture: a steady weekly pattern with every day off dipped by a known log effect. */
final class HolidaySeries {

    static final double LEVEL = 5000;
    static final double[] WEEK = {1.1, 1.05, 1, 1, 1, 0.7, 0.65}; // Monday first

    private HolidaySeries() {}

    /** @param seed seeds a log-scale noise of standard deviation 0.05; 0 for no noise */
    static DailySeries withDip(LocalDate start, int days, double dip, long seed) {
        return withDips(start, days, Map.of(), dip, seed);
    }

    /**
     * Like {@link #withDip}, with its own dip for some holidays; a weekday taken off for a weekend
     * holiday dips as that holiday does.
     */
    static DailySeries withDips(LocalDate start, int days, Map<Holiday, Double> dips, double otherDip, long seed) {
        int[] observedFor = new int[days];
        int[] holidays = HolidayCalendar.newYorkCity().holidayOrdinals(start, days, observedFor);
        SplittableRandom random = new SplittableRandom(seed);
        double noise = seed == 0 ? 0 : 0.05;
        double[] y = new double[days];
        for (int t = 0; t < days; t++) {
            double log = Math.log(LEVEL * WEEK[start.plusDays(t).getDayOfWeek().getValue() - 1])
                    + noise * random.nextGaussian();
            int holiday = holidays[t] >= 0 ? holidays[t] : observedFor[t];
            if (holiday >= 0) {
                log -= dips.getOrDefault(Holiday.values()[holiday], otherDip);
            }
            y[t] = Math.round(Math.exp(log));
        }
        return new DailySeries(start, y);
    }
}
