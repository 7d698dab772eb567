package org.nyc311.forecast;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.nyc311.model.calendar.HolidayCalendar;

/**
 * Seeded synthetic daily counts with the shapes real 311 series have: a level from a handful to
 * thousands a day, a weekday/weekend pattern, a yearly swing (winter heating, summer noise), a
 * slow trend with a break, holiday dips, negative-binomial noise and, for some series, storm-like
 * spikes. Used by tests and by the benchmark; never a stand-in for the real data in accuracy claims.
 */
public final class SyntheticSeries {

    /** Knobs of one synthetic series; see {@link #randomShape(SplittableRandom)}. */
    public record Shape(
            double level,
            double[] weekly,
            double yearlyAmplitude,
            double yearlyPhase,
            double trendPerYear,
            double trendBreakAt,
            double trendAfterBreak,
            double holidayDip,
            double dispersion,
            double spikeRate) {}

    private SyntheticSeries() {}

    /** A random realistic shape: levels log-uniform from 2 to 8,000 a day. */
    public static Shape randomShape(SplittableRandom r) {
        double level = Math.exp(Math.log(2) + r.nextDouble() * (Math.log(8000) - Math.log(2)));
        double weekend = 0.55 + 0.6 * r.nextDouble(); // weekend relative to weekdays: dips or peaks
        double[] weekly = new double[7];
        for (int d = 0; d < 7; d++) {
            weekly[d] = (d >= 5 ? weekend : 1.0) * (0.95 + 0.1 * r.nextDouble());
        }
        return new Shape(
                level,
                weekly,
                0.05 + 0.35 * r.nextDouble(),
                2 * Math.PI * r.nextDouble(),
                -0.1 + 0.2 * r.nextDouble(),
                0.3 + 0.5 * r.nextDouble(),
                -0.15 + 0.3 * r.nextDouble(),
                0.2 + 0.4 * r.nextDouble(),
                5 + 60 * r.nextDouble(),
                r.nextDouble() < 0.3 ? 0.02 : 0.0);
    }

    /**
     * @param dispersion negative-binomial size: large is close to Poisson, small is overdispersed
     */
    public static DailySeries generate(Shape shape, LocalDate start, int days, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        SplittableRandom r = new SplittableRandom(seed);
        int[] observedFor = new int[days];
        int[] holidays = HolidayCalendar.newYorkCity().holidayOrdinals(start, days, observedFor);
        double[] counts = new double[days];
        double breakDay = shape.trendBreakAt() * days;
        for (int t = 0; t < days; t++) {
            LocalDate date = start.plusDays(t);
            double years = t / 365.25;
            double afterBreak = Math.max(0, t - breakDay) / 365.25;
            double log = Math.log(shape.level())
                    + shape.trendPerYear() * years
                    + shape.trendAfterBreak() * afterBreak
                    + Math.log(shape.weekly()[date.getDayOfWeek().getValue() - 1])
                    + shape.yearlyAmplitude()
                            * Math.sin(2 * Math.PI * date.getDayOfYear() / 365.25 + shape.yearlyPhase());
            if (holidays[t] >= 0 || observedFor[t] >= 0) {
                log -= shape.holidayDip();
            }
            double mean = Math.exp(log);
            if (shape.spikeRate() > 0 && r.nextDouble() < shape.spikeRate()) {
                mean *= 5 + 20 * r.nextDouble();
            }
            double rate = new GammaDistribution(rng, shape.dispersion(), mean / shape.dispersion()).sample();
            counts[t] = rate <= 0
                    ? 0
                    : new PoissonDistribution(
                                    rng,
                                    rate,
                                    PoissonDistribution.DEFAULT_EPSILON,
                                    PoissonDistribution.DEFAULT_MAX_ITERATIONS)
                            .sample();
        }
        return new DailySeries(start, counts);
    }
}
