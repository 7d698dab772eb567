package org.nyc311.anomaly.engine.bench;

import java.util.Locale;
import org.nyc311.forecast.interval.CountIntervals;

/**
 * What rise the breach rule can catch on a series of a few requests a day, worked out from the count distribution
 * the forecasting engine draws such a series' interval from ({@link CountIntervals}) rather than measured as a recall
 * that cannot be reached: a day is flagged when its count exceeds the 95% interval's upper bound around the usual
 * level, and a rise held for {@value #DAYS} days is alerted when all {@value #DAYS} are flagged. For each level and
 * dispersion, the smallest rise alerted 9 times in 10, and how often a +50% rise is.
 *
 * <p>The forecast is taken as exactly the usual level, which is the best case: a real forecast's own error widens
 * the interval further.
 */
public final class DetectableRise {

    static final int DAYS = 3;
    static final double WANTED = 0.9;
    static final double[] LEVELS = {1, 2, 5, 10, 20};
    static final double[] DISPERSIONS = {0, 0.3, 1};

    private DetectableRise() {}

    /**
     * The smallest factor (in steps of 0.05, up to 20) by which a series at {@code level} must rise for {@value #DAYS}
     * days to be alerted with probability {@value #WANTED}; {@code Double.POSITIVE_INFINITY} when no rise up to 20
     * times is.
     */
    static double smallestRise(double level, double dispersion, double intervalLevel) {
        CountIntervals counts = CountIntervals.ofDispersion(dispersion, intervalLevel);
        double upper = counts.bounds(new double[] {level}, 0)[1][0];
        for (int step = 20; step <= 400; step++) {
            double factor = step / 20.0;
            if (alerted(counts, level * factor, upper) >= WANTED) {
                return factor;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** The chance that {@value #DAYS} days at {@code mean} are all above {@code upper}. */
    static double alerted(CountIntervals counts, double mean, double upper) {
        return Math.pow(counts.exceedance(mean, upper), DAYS);
    }

    /** The table, as Markdown. */
    static String markdown(double intervalLevel) {
        StringBuilder md = new StringBuilder("### Detectable rises on small series (count intervals, worked out)\n\n");
        md.append("A day is flagged above the upper bound of the ")
                .append(Math.round(intervalLevel * 100))
                .append("% negative-binomial interval around the usual level; a rise is alerted when ")
                .append(DAYS)
                .append(" days in a row are flagged. Smallest rise alerted 9 times in 10, and the chance a +50% rise "
                        + "is, by level (requests a day) and dispersion (0: Poisson). DetectableRise.\n\n");
        md.append("| level | dispersion | upper bound | smallest rise alerted 90% | +50% alerted |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: |\n");
        for (double dispersion : DISPERSIONS) {
            for (double level : LEVELS) {
                CountIntervals counts = CountIntervals.ofDispersion(dispersion, intervalLevel);
                double upper = counts.bounds(new double[] {level}, 0)[1][0];
                double rise = smallestRise(level, dispersion, intervalLevel);
                md.append(String.format(
                        Locale.ROOT,
                        "| %.0f | %.1f | %.0f | %s | %.1f%% |%n",
                        level,
                        dispersion,
                        upper,
                        Double.isInfinite(rise) ? "over x20" : String.format(Locale.ROOT, "x%.2f", rise),
                        100 * alerted(counts, level * 1.5, upper)));
            }
        }
        return md.append('\n').toString();
    }
}
