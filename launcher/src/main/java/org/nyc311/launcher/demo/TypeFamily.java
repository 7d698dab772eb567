package org.nyc311.launcher.demo;

import java.time.LocalDate;
import org.nyc311.model.series.ComplaintType;

/**
 * The families whose volume moves with the seasons in different ways. Weekly and hourly patterns are
 * learnt per family (see {@link CityMixLearner}); the yearly cycle and the holiday effect are priors
 * stated here, because the real sample spans one quarter and no holiday.
 *
 * <p>The yearly cycle is {@code exp(amplitude * cos(2 pi (day - peak) / 365.25))}: heating peaks in
 * mid-January at about 12 times its mid-July level (heat complaints are a winter phenomenon, the
 * city's heating season runs from October to May), noise peaks in mid-July at about twice its
 * January level, and everything else varies by about a fifth over the year.
 */
public enum TypeFamily {
    HEATING(15, 1.25, 0.80),
    NOISE(196, 0.35, 1.15),
    OTHER(196, 0.10, 0.70);

    private final int peakDayOfYear;
    private final double amplitude;
    private final double holidayFactor;

    TypeFamily(int peakDayOfYear, double amplitude, double holidayFactor) {
        this.peakDayOfYear = peakDayOfYear;
        this.amplitude = amplitude;
        this.holidayFactor = holidayFactor;
    }

    /** The family of a complaint type as the feed spells it, judged on its grouping key. */
    public static TypeFamily of(String complaintType) {
        String key = ComplaintType.keyOf(complaintType);
        if (key.startsWith("noise")) {
            return NOISE;
        }
        if (key.startsWith("heat") || key.contains("-heat")) {
            return HEATING;
        }
        return OTHER;
    }

    /** The yearly cycle on this day, unnormalised: divide by its value on the day the shares were learnt. */
    double yearly(LocalDate day) {
        double phase = 2 * Math.PI * (day.getDayOfYear() - peakDayOfYear) / 365.25;
        return Math.exp(amplitude * Math.cos(phase));
    }

    /**
     * The level on a holiday or an observed day off, as a multiple of an ordinary day: offices and
     * inspectors are out, so most types fall; people are home, so noise rises.
     */
    double holidayFactor() {
        return holidayFactor;
    }
}
