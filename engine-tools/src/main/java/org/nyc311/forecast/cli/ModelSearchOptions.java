package org.nyc311.forecast.cli;

import java.util.function.Supplier;
import org.nyc311.forecast.ForecastSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The engine options that {@code forecast}, {@code backtest} and {@code detect} all take (interval
 * level, hyperparameter trials, seed, the calibration's half-life, worker threads), as a picocli mixin: declared once, so the
 * three commands cannot drift apart in names, defaults or help, and turned into
 * {@link ForecastSettings} in one place.
 */
public final class ModelSearchOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--level", defaultValue = "0.95", description = "interval level (default ${DEFAULT-VALUE})")
    double level;

    @Option(
            names = "--trials",
            defaultValue = "" + ForecastSettings.DEFAULT_TRIALS,
            description = "hyperparameter trials per forecast (default ${DEFAULT-VALUE})")
    int trials;

    @Option(
            names = "--seed",
            defaultValue = "" + ForecastSettings.DEFAULT_SEED,
            description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--calibration-half-life",
            defaultValue = "Infinity",
            description = "days after which a past interval error weighs half in the calibration; Infinity (the "
                    + "default) forgets nothing")
    double calibrationHalfLife;

    @Mixin
    WorkerThreads threads;

    public ModelSearchOptions() {}

    /** The engine's settings for this horizon with the level, trials, seed and half-life given; the rest default. */
    public ForecastSettings settings(int horizon) {
        return ForecastSettings.of(horizon)
                .withLevel(level)
                .withTrials(trials)
                .withSeed(seed)
                .withCalibrationHalfLife(calibrationHalfLife);
    }

    public int threads() {
        return threads.count();
    }

    /**
     * Builds what the command runs with. Picocli checks only the types of the options; their ranges
     * (a level strictly between 0 and 1, at least one thread, ...) are checked by the engine's own
     * constructors, and the {@link IllegalArgumentException} they throw is reported here as a bad
     * option: the usage message and exit code 2, as for an option picocli rejects itself.
     */
    public <T> T checked(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }
}
