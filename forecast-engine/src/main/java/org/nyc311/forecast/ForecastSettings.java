package org.nyc311.forecast;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a caller may choose about a forecast.
 *
 * @param horizon  days to forecast, from the day after the last observation
 * @param level    interval level, e.g. 0.95
 * @param trials   hyperparameter trials for the Prophet-style model (0: its defaults only)
 * @param seed     makes the search and the trend simulation reproducible
 * @param folds    rolling origins used to compare models and choose hyperparameters
 * @param families the model families allowed to compete
 * @param holidayAdjustment whether the models without holiday terms (seasonal naive, seasonal average,
 *                 exponential smoothing, and so the ensembles of them) get holiday effects learnt from the
 *                 series' own history; off gives the textbook baselines, e.g. the seasonal naive yardstick
 *                 that benchmarks divide by
 * @param calibrationHalfLifeDays how fast the interval calibration forgets a past shock: a calibration origin this
 *                 many days older than the forecast's weighs half ({@code IntervalCalibration}); infinite (the
 *                 default) weighs every origin the same. Measured on the development window in docs/BENCHMARKS.md
 *                 ("Intervals that forget"), where forgetting did not pay; a setting, so that it can be turned on
 */
public record ForecastSettings(
        int horizon,
        double level,
        int trials,
        long seed,
        int folds,
        Set<ModelFamily> families,
        boolean holidayAdjustment,
        double calibrationHalfLifeDays) {

    public static final int DEFAULT_TRIALS = 20;
    public static final int DEFAULT_FOLDS = 4;
    public static final long DEFAULT_SEED = 311L;

    public ForecastSettings {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1 day, was " + horizon);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must lie strictly between 0 and 1, was " + level);
        }
        if (trials < 0) {
            throw new IllegalArgumentException("trials must be >= 0, was " + trials);
        }
        if (folds < 1) {
            throw new IllegalArgumentException("folds must be >= 1, was " + folds);
        }
        Objects.requireNonNull(families, "families");
        if (families.isEmpty()) {
            throw new IllegalArgumentException("at least one model family must be allowed");
        }
        families = Set.copyOf(EnumSet.copyOf(families));
        if (!(calibrationHalfLifeDays >= 1)) {
            throw new IllegalArgumentException(
                    "the calibration half-life must be at least 1 day (or infinite), was " + calibrationHalfLifeDays);
        }
    }

    /** Settings with holiday adjustment on. */
    public ForecastSettings(int horizon, double level, int trials, long seed, int folds, Set<ModelFamily> families) {
        this(horizon, level, trials, seed, folds, families, true, Double.POSITIVE_INFINITY);
    }

    /** 95% intervals, 20 trials, every model family, holiday adjustment on. */
    public static ForecastSettings of(int horizon) {
        return new ForecastSettings(
                horizon, 0.95, DEFAULT_TRIALS, DEFAULT_SEED, DEFAULT_FOLDS, EnumSet.allOf(ModelFamily.class));
    }

    public ForecastSettings withLevel(double newLevel) {
        return new ForecastSettings(
                horizon, newLevel, trials, seed, folds, families, holidayAdjustment, calibrationHalfLifeDays);
    }

    public ForecastSettings withTrials(int newTrials) {
        return new ForecastSettings(
                horizon, level, newTrials, seed, folds, families, holidayAdjustment, calibrationHalfLifeDays);
    }

    public ForecastSettings withSeed(long newSeed) {
        return new ForecastSettings(
                horizon, level, trials, newSeed, folds, families, holidayAdjustment, calibrationHalfLifeDays);
    }

    public ForecastSettings withFolds(int newFolds) {
        return new ForecastSettings(
                horizon, level, trials, seed, newFolds, families, holidayAdjustment, calibrationHalfLifeDays);
    }

    public ForecastSettings withHorizon(int newHorizon) {
        return new ForecastSettings(
                newHorizon, level, trials, seed, folds, families, holidayAdjustment, calibrationHalfLifeDays);
    }

    public ForecastSettings withFamilies(Set<ModelFamily> newFamilies) {
        return new ForecastSettings(
                horizon, level, trials, seed, folds, newFamilies, holidayAdjustment, calibrationHalfLifeDays);
    }

    public ForecastSettings withHolidayAdjustment(boolean adjust) {
        return new ForecastSettings(horizon, level, trials, seed, folds, families, adjust, calibrationHalfLifeDays);
    }

    public ForecastSettings withCalibrationHalfLife(double days) {
        return new ForecastSettings(horizon, level, trials, seed, folds, families, holidayAdjustment, days);
    }

    public boolean allows(ModelFamily family) {
        return families.contains(family);
    }
}
