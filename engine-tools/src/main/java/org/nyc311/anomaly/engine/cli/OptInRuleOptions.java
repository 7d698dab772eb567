package org.nyc311.anomaly.engine.cli;

import org.nyc311.anomaly.engine.DetectionSettings;
import org.nyc311.anomaly.engine.rolling.RunHistory;
import picocli.CommandLine.Option;

/**
 * The switchable rules of rolling detection (see the module README): the sequential-evidence rule (on by default,
 * {@code --no-evidence} turns it off), and the opt-in ones, shipped off: the sustained-rise rule, runs judged against
 * the forecast made before them, and what a day's forecast does with the open spike run before it. A picocli mixin
 * so that {@code detect} and the detection benchmark take them with the same names, defaults and meaning: the
 * benchmark measures exactly what {@code detect} would run.
 */
public final class OptInRuleOptions {

    @Option(
            names = "--sustained-rise",
            negatable = true,
            fallbackValue = "true",
            defaultValue = "" + DetectionSettings.DEFAULT_SUSTAINED_RISE,
            description = "a run of days inside the interval with z >= --sustained-min-z whose total is beyond "
                    + "its bound also opens an alert (default off)")
    boolean sustainedRise;

    @Option(
            names = "--sustained-min-z",
            defaultValue = "" + DetectionSettings.DEFAULT_SUSTAINED_MIN_Z,
            description = "z-score from which a day inside the interval is raised (default ${DEFAULT-VALUE})")
    double sustainedMinZ;

    @Option(
            names = "--evidence",
            negatable = true,
            fallbackValue = "true",
            defaultValue = "" + DetectionSettings.DEFAULT_EVIDENCE,
            description = "a CUSUM of the days' log residuals opens an alert when a rise adds up, before any single "
                    + "day breaches (default ${DEFAULT-VALUE})")
    boolean evidence;

    @Option(
            names = "--evidence-slack",
            defaultValue = "" + DetectionSettings.DEFAULT_EVIDENCE_SLACK,
            description = "robust standard deviations a day must exceed to add evidence (default ${DEFAULT-VALUE})")
    double evidenceSlack;

    @Option(
            names = "--evidence-threshold",
            defaultValue = "" + DetectionSettings.DEFAULT_EVIDENCE_THRESHOLD,
            description = "evidence that opens an alert (default ${DEFAULT-VALUE})")
    double evidenceThreshold;

    @Option(
            names = "--evidence-hidden-rise",
            defaultValue = "" + DetectionSettings.DEFAULT_EVIDENCE_HIDDEN_RISE,
            description = "only series whose intervals hide a rise this large (upper bound at least 1 + it times the "
                    + "forecast) add evidence; 0: every series (default ${DEFAULT-VALUE})")
    double evidenceHiddenRise;

    @Option(
            names = "--margin-evidence",
            negatable = true,
            fallbackValue = "true",
            defaultValue = "" + DetectionSettings.DEFAULT_MARGIN_EVIDENCE,
            description = "on series whose intervals would show the hidden rise, days above their upper bounds on "
                    + "average open an alert, counted in their intervals' margins (default ${DEFAULT-VALUE})")
    boolean marginEvidence;

    @Option(
            names = "--margin-slack",
            defaultValue = "" + DetectionSettings.DEFAULT_MARGIN_SLACK,
            description = "share of its margin above which a day continues (or starts) a spike run, and may open its "
                    + "alert (default ${DEFAULT-VALUE})")
    double marginSlack;

    @Option(
            names = "--margin-cap",
            defaultValue = "" + DetectionSettings.DEFAULT_MARGIN_CAP,
            description = "the most one day counts, in margins (default ${DEFAULT-VALUE})")
    double marginCap;

    @Option(
            names = "--margin-threshold",
            defaultValue = "" + DetectionSettings.DEFAULT_MARGIN_THRESHOLD,
            description = "average over the last --consecutive-days days, in margins, of the run's capped scores that "
                    + "opens an alert (default ${DEFAULT-VALUE}: on the upper bound)")
    double marginThreshold;

    @Option(
            names = "--judge-runs-before",
            negatable = true,
            fallbackValue = "true",
            defaultValue = "false",
            description = "judge the later days of a spike run against the forecast made before the run began, not "
                    + "against forecasts refitted on its first days (default ${DEFAULT-VALUE})")
    boolean judgeRunsBefore;

    @Option(
            names = "--run-history",
            defaultValue = "KEEP",
            description = "what a day's forecast does with the open spike run before it: KEEP it in the history "
                    + "(default, as forecast-service's forecasts do), replace its days by their FORECAST, or "
                    + "CAP_AT_UPPER bound")
    RunHistory runHistory;

    public OptInRuleOptions() {}

    /** The given settings with the rules as chosen; throws if an option is out of range. */
    public DetectionSettings applyTo(DetectionSettings settings) {
        return settings.withSustainedRise(sustainedRise)
                .withSustainedMinZ(sustainedMinZ)
                .withEvidence(
                        new DetectionSettings.Evidence(evidence, evidenceSlack, evidenceThreshold, evidenceHiddenRise))
                .withMarginEvidence(
                        new DetectionSettings.MarginEvidence(marginEvidence, marginSlack, marginCap, marginThreshold));
    }

    public RunHistory runHistory() {
        return runHistory;
    }

    public boolean judgeRunsBefore() {
        return judgeRunsBefore;
    }
}
