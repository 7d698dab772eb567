package org.nyc311.anomaly.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Judges the days of one series against the interval forecasts made before them.
 *
 * <ul>
 *   <li>A day is a <b>spike</b> when its actual is above the upper bound, a <b>drop</b> when below the
 *       lower bound. Spikes are anomalous; drops are recorded and count as anomalous only when
 *       {@link DetectionSettings#dropsAlert()} is on.</li>
 *   <li>Every day gets a {@link RobustZScore} of its residual against the residuals of those of the
 *       {@code zWindow} days before it that were inside their interval: its severity. It never makes a day a flag;
 *       only the sustained-rise rule below uses it, for days inside the interval.</li>
 *   <li>An <b>alert</b> opens on the day a run of anomalous days reaches {@code consecutiveDays}, and
 *       closes on the first day after it that is not anomalous ("back inside"). However long the run,
 *       it is one alert.</li>
 *   <li>With {@link DetectionSettings#sustainedRise()} on, a day inside the interval whose z-score is at
 *       least {@link DetectionSettings#sustainedMinZ()} is <b>raised</b>: not a flag, but it continues
 *       (or starts) a spike run. A run of at least {@code consecutiveDays} days, flagged or raised, also
 *       opens an alert when its residuals, each capped at its day's margin {@code upper - yhat}, add up to more than
 *       {@code sqrt(sum of (upper - yhat)^2)}, the bound the day intervals imply for the run's total.
 *       Such a run ends on the first day that is neither flagged nor raised. Why: see
 *       {@link DetectionSettings}.</li>
 *   <li>With {@link DetectionSettings#evidence()} on, a one-sided CUSUM of the days' log residuals adds up a
 *       rise that stays inside the intervals: a day with evidence is <b>raised</b>, and the alert opens on the day
 *       the evidence reaches its threshold (see {@link DetectionSettings.Evidence}). {@link DayVerdict#evidence()}
 *       is the severity it builds. On series whose intervals would show the rise anyway, the evidence is counted in
 *       their intervals' margins instead ({@link DetectionSettings.MarginEvidence}): three days above their bounds
 *       on average open an alert.</li>
 * </ul>
 *
 * <p>A pure function of its input: immutable, thread-safe, no clock, no randomness. Re-running it on
 * the same days gives the same verdicts and the same episodes (with the same alert ids), which is what
 * lets anomaly-service process a redelivered event again and change nothing. To see an episode whole,
 * pass days from before it started: at least the z-window, and everything since the last closed alert.
 */
public final class AnomalyDetector {

    /** The most days after a run's first that are judged against the forecast made before it. */
    public static final int MAX_FROZEN_DAYS = 6;

    private final DetectionSettings settings;

    /** The forecasts of earlier mornings, for judging the days of a run against what was expected before it. */
    @FunctionalInterface
    public interface Yardstick {

        /** No earlier forecasts: every day is judged against its own. */
        Yardstick NONE = (runStart, day) -> Optional.empty();

        /**
         * {@code day} (its date and actual) with the forecast made on the morning of {@code runStart}, from the days
         * before it; empty when there is none.
         */
        Optional<ObservedDay> before(LocalDate runStart, ObservedDay day);
    }

    public AnomalyDetector(DetectionSettings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    public DetectionSettings settings() {
        return settings;
    }

    /**
     * @param days consecutive days in date order, no gaps and no repeats
     * @throws IllegalArgumentException if the days are not consecutive
     */
    public Detection detect(List<ObservedDay> days) {
        return detect(days, Yardstick.NONE);
    }

    /**
     * {@link #detect(List)}, with the days of a spike run judged against the forecasts made before the run began,
     * where {@code yardstick} has them: a forecast refitted every morning learns a rise as it happens, and would
     * judge its third day against a forecast that already holds its first two. At most {@link #MAX_FROZEN_DAYS}
     * days of a run are judged so; after that the rise is what the forecasts expect.
     *
     * @param yardstick the forecasts of earlier mornings
     */
    public Detection detect(List<ObservedDay> days, Yardstick yardstick) {
        for (int i = 1; i < days.size(); i++) {
            LocalDate expected = days.get(i - 1).date().plusDays(1);
            if (!days.get(i).date().equals(expected)) {
                throw new IllegalArgumentException("days must be consecutive: expected " + expected + " after "
                        + days.get(i - 1).date() + ", found " + days.get(i).date());
            }
        }
        int window = settings.zWindow();
        DetectionSettings.Evidence rule = settings.evidence();
        double[] residuals = new double[days.size()];
        double[] logResiduals = new double[days.size()];
        // each day's margin score, within [0, cap] (MarginEvidence); 0 on days the margin rule did not judge
        double[] marginScores = new double[days.size()];
        List<DayVerdict> verdicts = new ArrayList<>(days.size());
        List<AlertEpisode> episodes = new ArrayList<>();
        Run run = null;
        double evidence = 0;
        // the evidence that opens an alert, in the units of the rule that judged the day (robust z or margins), and
        // that rule
        double threshold = rule.threshold();
        AlertEpisode.OpenedBy evidenceRule = AlertEpisode.OpenedBy.EVIDENCE;
        int runStartIndex = 0;
        ObservedDay[] judged = new ObservedDay[days.size()];
        for (int i = 0; i < days.size(); i++) {
            ObservedDay day = days.get(i);
            if (run != null
                    && run.breach == Breach.SPIKE
                    && day.date().isBefore(run.start.plusDays(MAX_FROZEN_DAYS + 1))) {
                day = yardstick.before(run.start, day).orElse(day);
            }
            judged[i] = day;
            residuals[i] = day.residual();
            logResiduals[i] = logResidual(day);
            double z = RobustZScore.score(residuals[i], day.yhat(), usualResiduals(judged, residuals, i - window, i));
            Breach breach = day.breach();
            boolean anomalous = breach == Breach.SPIKE || (breach == Breach.DROP && settings.dropsAlert());
            if (rule.on()) {
                // an open spike run keeps the intervals from before it as its gate, so that a rise which widens or
                // narrows the refitted intervals neither stops its own alert nor opens the gate for itself
                int gateDay = run != null && run.breach == Breach.SPIKE ? runStartIndex : i;
                boolean hidden = hidesRise(judged, gateDay - window, gateDay, rule.hiddenRise());
                DetectionSettings.MarginEvidence margins = settings.marginEvidence();
                boolean addsEvidence;
                if (!hidden && margins.on()) {
                    double score =
                            day.yhat() < DetectionSettings.Evidence.MIN_LEVEL ? 0 : marginScore(day, logResiduals[i]);
                    marginScores[i] = Math.max(0, Math.min(score, margins.cap()));
                    addsEvidence = score > margins.slack();
                    // the run's days only (this one, and those of the open spike run it would continue), so that
                    // neither a quiet day before a run nor an earlier run counts toward this one
                    int runStart = run != null && run.breach == Breach.SPIKE ? runStartIndex : i;
                    int n = settings.consecutiveDays();
                    evidence = addsEvidence ? sumSince(marginScores, Math.max(runStart, i - n + 1), i) / n : 0;
                    threshold = margins.threshold();
                    evidenceRule = AlertEpisode.OpenedBy.MARGIN_EVIDENCE;
                } else {
                    double logZ = day.yhat() < DetectionSettings.Evidence.MIN_LEVEL || !hidden
                            ? 0
                            : RobustZScore.scoreWithScaleFloor(
                                    logResiduals[i],
                                    usualResiduals(judged, logResiduals, i - window, i),
                                    poissonSpreadOfLog(day.yhat()));
                    addsEvidence = logZ > rule.slack();
                    evidence =
                            Math.max(0, evidence + Math.min(logZ, DetectionSettings.Evidence.DAY_CAP) - rule.slack());
                    threshold = rule.threshold();
                    evidenceRule = AlertEpisode.OpenedBy.EVIDENCE;
                }
                if (!addsEvidence && run != null && run.alerting()) {
                    // an open alert ends on the first day back to usual, as with breaches, not when its evidence is
                    // spent
                    evidence = 0;
                }
            }
            boolean raised = !anomalous
                    && breach == Breach.NONE
                    && ((settings.sustainedRise() && z >= settings.sustainedMinZ()) || evidence > 0);
            // the direction of the run this day belongs to, if any: raised days only ever rise
            Breach direction = anomalous ? breach : raised ? Breach.SPIKE : null;
            if (direction != Breach.SPIKE) {
                // evidence of a rise lives only as long as the spike run it belongs to
                evidence = 0;
            }
            boolean opened = false;
            if (direction != null && run != null && run.breach != direction) {
                // a spike straight after a run of drops (or the reverse) is a new run, not a longer one
                episodes.addAll(run.closeOn(day.date()));
                run = null;
            }
            if (direction != null) {
                if (run == null) {
                    run = new Run(day.date(), direction);
                    runStartIndex = i;
                }
                opened = run.add(day, z, anomalous, rule.on() && evidence >= threshold ? evidenceRule : null);
            } else if (run != null) {
                episodes.addAll(run.closeOn(day.date()));
                run = null;
            }
            verdicts.add(new DayVerdict(day, breach, anomalous, raised, z, opened, evidence));
        }
        if (run != null) {
            episodes.addAll(run.stillOpen());
        }
        return new Detection(verdicts, episodes);
    }

    /** The residual on the log scale, where a rise of +50% weighs the same at every level. */
    static double logResidual(ObservedDay day) {
        return Math.log1p(Math.max(0, day.actual())) - Math.log1p(Math.max(0, day.yhat()));
    }

    /** The sum of {@code values[from..to]}. */
    private static double sumSince(double[] values, int from, int to) {
        double sum = 0;
        for (int j = from; j <= to; j++) {
            sum += values[j];
        }
        return sum;
    }

    /**
     * How far above its forecast a day is, in its interval's margin on the log scale: 1 on the upper bound, 0 on the
     * forecast. 0 when the interval has no margin above the forecast (nothing to measure by).
     */
    static double marginScore(ObservedDay day, double logResidual) {
        double margin = Math.log1p(Math.max(0, day.upper())) - Math.log1p(Math.max(0, day.yhat()));
        return margin > 0 ? logResidual / margin : 0;
    }

    /**
     * How much {@code log(1 + X)} varies when X is a Poisson count with mean {@code yhat} (at least 1): the
     * smallest spread a log residual can have, so that a small series with identical residuals for weeks does not
     * score one extra request as a storm.
     */
    static double poissonSpreadOfLog(double yhat) {
        double mean = Math.max(1, yhat);
        return Math.sqrt(mean) / (1 + mean);
    }

    /**
     * Whether the intervals of the days in {@code [from, to]} (the z-window and the day itself) would hide a rise of
     * {@code rise}: the median of their upper bounds is at least {@code 1 + rise} times their forecasts, over the days
     * forecast at {@link DetectionSettings.Evidence#MIN_LEVEL} or more (the rule's days: a quiet weekend's wide
     * interval must not open it for the weekdays). The median over the window, not the day's own bound, so that a
     * series does not drop in and out of the rule from one weekday to the next.
     */
    private static boolean hidesRise(ObservedDay[] days, int from, int to, double rise) {
        if (rise == 0) {
            return true;
        }
        double[] ratios = new double[to - Math.max(0, from) + 1];
        int n = 0;
        for (int j = Math.max(0, from); j <= to; j++) {
            if (days[j].yhat() >= DetectionSettings.Evidence.MIN_LEVEL) {
                ratios[n++] = days[j].upper() / days[j].yhat();
            }
        }
        if (n == 0) {
            return true;
        }
        double[] known = Arrays.copyOf(ratios, n);
        Arrays.sort(known);
        double median = n % 2 == 1 ? known[n / 2] : (known[n / 2 - 1] + known[n / 2]) / 2;
        return median >= 1 + rise;
    }

    /**
     * The residuals of the days in {@code [from, to)} that were inside their interval. Days outside it
     * are left out: an episode's own days (and last week's storm) would otherwise widen the scale its
     * later days are measured by, and a spike's third day would look milder than its first.
     */
    private static double[] usualResiduals(ObservedDay[] days, double[] residuals, int from, int to) {
        double[] usual = new double[Math.max(0, to - Math.max(0, from))];
        int n = 0;
        for (int j = Math.max(0, from); j < to; j++) {
            if (days[j].breach() == Breach.NONE) {
                usual[n++] = residuals[j];
            }
        }
        return Arrays.copyOf(usual, n);
    }

    /**
     * The current run of days that count toward an alert (flagged, or raised under the sustained-rise or the
     * evidence rule), local to one {@link #detect} call.
     */
    private final class Run {
        private final LocalDate start;
        private final Breach breach;
        private LocalDate last;
        private @Nullable LocalDate openedOn;
        private AlertEpisode.OpenedBy openedBy = AlertEpisode.OpenedBy.BREACHES;
        private int days;
        /** Flagged days at the end of the run, without a raised day between them: the rule. */
        private int trailingFlags;
        /** Sum of the run's residuals, each capped at its day's upper bound (spike runs only). */
        private double cappedResiduals;
        /** Sum of the run's squared distances from forecast to upper bound (spike runs only). */
        private double squaredMargins;

        private double peak = Double.NaN;

        Run(LocalDate start, Breach breach) {
            this.start = start;
            this.breach = breach;
            // the run's first day; add() moves it on
            this.last = start;
        }

        /**
         * Adds a day; returns whether the alert opens on it.
         *
         * @param enoughEvidence the evidence rule whose evidence reached its threshold on this day, or null
         */
        boolean add(ObservedDay day, double z, boolean flagged, AlertEpisode.@Nullable OpenedBy enoughEvidence) {
            days++;
            last = day.date();
            trailingFlags = flagged ? trailingFlags + 1 : 0;
            double margin = Math.max(0, day.upper() - day.yhat());
            cappedResiduals += Math.min(day.residual(), margin);
            squaredMargins += margin * margin;
            double signed = breach == Breach.DROP ? -z : z;
            peak = Double.isNaN(peak) ? signed : Math.max(peak, signed);
            if (openedOn != null) {
                return false;
            }
            // the rule first: a run that breached three days in a row opened by it, whatever else it had
            if (trailingFlags >= settings.consecutiveDays()) {
                openedBy = AlertEpisode.OpenedBy.BREACHES;
            } else if (sustainedRise()) {
                openedBy = AlertEpisode.OpenedBy.SUSTAINED_RISE;
            } else if (enoughEvidence != null) {
                openedBy = enoughEvidence;
            } else {
                return false;
            }
            openedOn = day.date();
            return true;
        }

        /**
         * The sustained-rise test: a spike run long enough whose capped residuals add up to more than
         * the day intervals allow for their total. Under independent day errors the sum's spread is the
         * square root of the sum of the days' squared spreads, at the level the intervals were made at.
         */
        private boolean sustainedRise() {
            return settings.sustainedRise()
                    && breach == Breach.SPIKE
                    && days >= settings.consecutiveDays()
                    && cappedResiduals > Math.sqrt(squaredMargins);
        }

        boolean alerting() {
            return openedOn != null;
        }

        List<AlertEpisode> closeOn(LocalDate date) {
            return episode(Optional.of(date));
        }

        List<AlertEpisode> stillOpen() {
            return episode(Optional.empty());
        }

        private List<AlertEpisode> episode(Optional<LocalDate> closedOn) {
            if (openedOn == null) {
                return List.of();
            }
            double z = breach == Breach.DROP ? -peak : peak;
            return List.of(new AlertEpisode(start, openedOn, last, closedOn, days, z, openedBy));
        }
    }
}
