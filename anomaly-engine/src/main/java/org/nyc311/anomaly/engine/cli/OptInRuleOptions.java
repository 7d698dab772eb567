package org.nyc311.anomaly.engine.cli;

import org.nyc311.anomaly.engine.DetectionSettings;
import org.nyc311.anomaly.engine.rolling.RunHistory;
import picocli.CommandLine.Option;

/**
 * The two opt-in behaviours of rolling detection, both shipped off (see the module README): the
 * sustained-rise rule and what a day's forecast does with the open spike run before it. A picocli
 * mixin so that {@code detect} and the detection benchmark take them with the same names, defaults
 * and meaning: the benchmark measures exactly what {@code detect} would run.
 */
public final class OptInRuleOptions {

    @Option(names = "--sustained-rise", negatable = true, fallbackValue = "true",
            defaultValue = "" + DetectionSettings.DEFAULT_SUSTAINED_RISE,
            description = "a run of days inside the interval with z >= --sustained-min-z whose total is beyond "
                    + "its bound also opens an alert (default off: the breach rule only)")
    boolean sustainedRise;

    @Option(names = "--sustained-min-z", defaultValue = "" + DetectionSettings.DEFAULT_SUSTAINED_MIN_Z,
            description = "z-score from which a day inside the interval is raised (default ${DEFAULT-VALUE})")
    double sustainedMinZ;

    @Option(names = "--run-history", defaultValue = "KEEP",
            description = "what a day's forecast does with the open spike run before it: KEEP it in the history "
                    + "(default, as forecast-service's forecasts do), replace its days by their FORECAST, or "
                    + "CAP_AT_UPPER bound")
    RunHistory runHistory;

    public OptInRuleOptions() {
    }

    /** The given settings with the sustained-rise rule as chosen; throws if {@code --sustained-min-z} is out of range. */
    public DetectionSettings applyTo(DetectionSettings settings) {
        return settings.withSustainedRise(sustainedRise).withSustainedMinZ(sustainedMinZ);
    }

    public RunHistory runHistory() {
        return runHistory;
    }
}
