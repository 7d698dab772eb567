package org.nyc311.forecast.interval;

import org.apache.commons.math3.special.Gamma;

/**
 * Intervals from a count distribution, for series of a few requests a day: a negative binomial around the point
 * forecast, its dispersion learnt from the same rolling-origin errors as {@link IntervalCalibration} learns from.
 * On a series of 4 a day, a log-scale interval treats 0 and 1 as far apart and cannot say that 0 is as usual as 8;
 * the negative binomial is a count's own spread: never below zero, skewed upward, a Poisson when the errors are no
 * wider than that. Its mean is never below {@link #FLOOR_SHARE} of the recent mean, so that a point forecast of 0
 * does not make an interval of nothing.
 *
 * <p>Used for a series whose last {@value #RECENT_DAYS} days averaged under {@value #MAX_LEVEL} requests a day. On the
 * development window of street flooding (about 4 a day), the engine's mean scaled interval score went from 10.40 to
 * 9.92 at 7 days and from 9.73 to 9.55 at 30, with coverage 96.8% and 97.1% (95.2% and 95.0% before); the seasonal
 * naive's from 18.35 to 12.15 and 16.98 to 11.58, coverage 94.0% and 93.8% (docs/BENCHMARKS.md, "Forecasts beside
 * the anchors"). The other real series are far above the level and keep the log-scale calibration.
 *
 * <p>The dispersion is the method-of-moments estimate of NB2's {@code phi} in {@code Var = mu + phi mu^2}, from the
 * squared errors beyond the Poisson part: {@code phi = sum((y - mu)^2 - mu) / sum(mu^2)}, at least 0.
 */
public final class CountIntervals {

    /** Below this recent mean (requests a day) a series' intervals come from counts. */
    public static final double MAX_LEVEL = 20;

    static final int RECENT_DAYS = 28;

    /**
     * The share of the recent mean below which no interval's mean is drawn. Around a point forecast of 0 (a seasonal
     * naive copying last week's quiet day) a count distribution is a point at 0, and every request is a miss: the
     * seasonal naive's coverage on street flooding fell to 80% without a floor, and was 94% with half the recent mean.
     */
    static final double FLOOR_SHARE = 0.5;

    /** Where the quantile search stops: far above any forecast this class is used for. */
    private static final int MAX_COUNT = 100_000;

    private final double phi;
    private final double level;

    private CountIntervals(double phi, double level) {
        this.phi = phi;
        this.level = level;
    }

    /** Whether a history's last {@value #RECENT_DAYS} days average under {@value #MAX_LEVEL} a day. */
    public static boolean suits(double[] history) {
        return history.length > 0 && recentMean(history, history.length) < MAX_LEVEL;
    }

    /**
     * @param actuals     per origin, per horizon step, the actual counts
     * @param predictions per origin, per horizon step, the model's forecasts from that origin
     * @param floors      per origin, the {@link #floor} of the history before it
     */
    public static CountIntervals learn(double[][] actuals, double[][] predictions, double[] floors, double level) {
        return learn(actuals, predictions, floors, new double[actuals.length], Double.POSITIVE_INFINITY, level);
    }

    /**
     * As {@link #learn(double[][], double[][], double[], double)}, an origin's errors weighing {@code 0.5^(age /
     * halfLifeDays)} in the dispersion (as {@link IntervalCalibration} forgets a past shock).
     *
     * @param ages per origin, the days from it to the origin the interval is for
     */
    public static CountIntervals learn(
            double[][] actuals,
            double[][] predictions,
            double[] floors,
            double[] ages,
            double halfLifeDays,
            double level) {
        IntervalCalibration.checkHalfLife(halfLifeDays);
        double excess = 0;
        double squares = 0;
        for (int k = 0; k < actuals.length; k++) {
            double weight = Math.pow(0.5, Math.max(0, ages[k]) / halfLifeDays);
            for (int h = 0; h < actuals[k].length; h++) {
                double mu = Math.max(floors[k], predictions[k][h]);
                double e = actuals[k][h] - mu;
                excess += weight * (e * e - mu);
                squares += weight * mu * mu;
            }
        }
        double phi = squares > 0 ? Math.max(0, excess / squares) : 0;
        return new CountIntervals(phi, level);
    }

    /**
     * The least mean an interval is drawn around, for a forecast made after the first {@code end} days of
     * {@code history}: {@link #FLOOR_SHARE} of their recent mean.
     */
    public static double floor(double[] history, int end) {
        return FLOOR_SHARE * recentMean(history, end);
    }

    private static double recentMean(double[] history, int end) {
        int days = Math.min(end, RECENT_DAYS);
        double sum = 0;
        for (int t = end - days; t < end; t++) {
            sum += history[t];
        }
        return days == 0 ? 0 : sum / days;
    }

    /** Intervals of a known dispersion, for asking what they can tell apart (the detection benchmark's table). */
    public static CountIntervals ofDispersion(double phi, double level) {
        if (!(phi >= 0) || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException(
                    "dispersion must be >= 0 and level in (0, 1), were " + phi + ", " + level);
        }
        return new CountIntervals(phi, level);
    }

    /** The chance that a count of this distribution with mean {@code mu} exceeds {@code count}. */
    public double exceedance(double mu, double count) {
        if (mu <= 0) {
            return 0;
        }
        double cumulative = 0;
        for (int x = 0; x <= count && x < MAX_COUNT; x++) {
            cumulative += Math.exp(logPmf(x, mu));
        }
        return Math.max(0, 1 - cumulative);
    }

    /** NB2's dispersion: 0 is a Poisson. */
    public double dispersion() {
        return phi;
    }

    /**
     * Interval bounds for point forecasts {@code yhat}, drawn around no less than {@code floor}; {@code [0]} lower,
     * {@code [1]} upper; they contain yhat.
     */
    public double[][] bounds(double[] yhat, double floor) {
        double alpha = 1 - level;
        double[][] out = new double[2][yhat.length];
        for (int h = 0; h < yhat.length; h++) {
            double mu = Math.max(floor, yhat[h]);
            out[0][h] = Math.min(yhat[h], quantile(mu, alpha / 2));
            out[1][h] = Math.max(yhat[h], quantile(mu, 1 - alpha / 2));
        }
        return out;
    }

    /** The smallest count whose cumulative probability reaches {@code p}, summing the pmf from 0. */
    double quantile(double mu, double p) {
        if (mu <= 0) {
            return 0;
        }
        double cumulative = 0;
        for (int x = 0; x < MAX_COUNT; x++) {
            cumulative += Math.exp(logPmf(x, mu));
            if (cumulative >= p) {
                return x;
            }
        }
        return MAX_COUNT;
    }

    private double logPmf(int x, double mu) {
        if (phi < 1e-9) {
            return x * Math.log(mu) - mu - Gamma.logGamma(x + 1.0);
        }
        double r = 1 / phi;
        return Gamma.logGamma(x + r)
                - Gamma.logGamma(r)
                - Gamma.logGamma(x + 1.0)
                + r * Math.log(r / (r + mu))
                + x * Math.log(mu / (r + mu));
    }
}
