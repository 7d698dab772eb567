package org.nyc311.forecast.model.prophet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hyperparameters of the Prophet-style model, named as Prophet names them. Scales are prior
 * standard deviations (Laplace scale for changepoints) on the log1p scale, with time in years.
 *
 * @param changepointPriorScale Laplace scale of each trend change: small means a stiff trend
 * @param seasonalityPriorScale Gaussian prior scale of the Fourier coefficients
 * @param holidaysPriorScale    Gaussian prior scale of the holiday effects
 * @param weeklyOrder           Fourier order of the weekly pattern (3 can draw any weekly shape)
 * @param yearlyOrder           Fourier order of the yearly pattern; 0 turns it off
 * @param changepointRange      share of the history where changepoints may sit; the rest is left to
 *                              the last slope, so the forecast is not bent by the final few weeks
 */
public record ProphetSettings(
        double changepointPriorScale,
        double seasonalityPriorScale,
        double holidaysPriorScale,
        int weeklyOrder,
        int yearlyOrder,
        double changepointRange) {

    public static final int MAX_WEEKLY_ORDER = 3;
    public static final int MAX_YEARLY_ORDER = 10;

    public ProphetSettings {
        if (!(changepointPriorScale > 0) || !(seasonalityPriorScale > 0) || !(holidaysPriorScale > 0)) {
            throw new IllegalArgumentException("prior scales must be > 0");
        }
        if (weeklyOrder < 0 || weeklyOrder > MAX_WEEKLY_ORDER || yearlyOrder < 0 || yearlyOrder > MAX_YEARLY_ORDER) {
            throw new IllegalArgumentException(
                    "Fourier orders out of range: weekly " + weeklyOrder + ", yearly " + yearlyOrder);
        }
        if (!(changepointRange > 0 && changepointRange <= 1)) {
            throw new IllegalArgumentException("changepointRange must be in (0, 1], was " + changepointRange);
        }
    }

    /** Prophet's defaults, translated to this scale. */
    public static ProphetSettings defaults() {
        return new ProphetSettings(0.05, 1.0, 1.0, 3, 6, 0.8);
    }

    /**
     * One random point of the search space, the way Optuna's random sampler would draw it: scales
     * log-uniform, orders uniform.
     */
    public static ProphetSettings sample(SplittableRandom random) {
        return new ProphetSettings(
                logUniform(random, 0.005, 2.0),
                logUniform(random, 0.01, 10.0),
                // Few rolling-origin windows contain a holiday, so the search can barely judge this
                // scale; its range is kept where holidays are still clearly modelled.
                logUniform(random, 0.3, 10.0),
                2 + random.nextInt(2),
                random.nextInt(MAX_YEARLY_ORDER + 1),
                0.7 + 0.25 * random.nextDouble());
    }

    /** These settings with no yearly pattern (for a series that borrows one, its parent's holidays only). */
    public ProphetSettings withoutYearlyPattern() {
        return new ProphetSettings(
                changepointPriorScale, seasonalityPriorScale, holidaysPriorScale, weeklyOrder, 0, changepointRange);
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("changepoint_prior_scale", fmt(changepointPriorScale));
        m.put("seasonality_prior_scale", fmt(seasonalityPriorScale));
        m.put("holidays_prior_scale", fmt(holidaysPriorScale));
        m.put("weekly_order", Integer.toString(weeklyOrder));
        m.put("yearly_order", Integer.toString(yearlyOrder));
        m.put("changepoint_range", fmt(changepointRange));
        return m;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    private static double logUniform(SplittableRandom random, double lo, double hi) {
        return Math.exp(Math.log(lo) + random.nextDouble() * (Math.log(hi) - Math.log(lo)));
    }
}
