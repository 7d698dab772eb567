package org.nyc311.anomaly.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * </ul>
 *
 * <p>A pure function of its input: immutable, thread-safe, no clock, no randomness. Re-running it on
 * the same days gives the same verdicts and the same episodes (with the same alert ids), which is what
 * lets anomaly-service process a redelivered event again and change nothing. To see an episode whole,
 * pass days from before it started: at least the z-window, and everything since the last closed alert.
 */
public final class AnomalyDetector {

    private final DetectionSettings settings;

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
        for (int i = 1; i < days.size(); i++) {
            LocalDate expected = days.get(i - 1).date().plusDays(1);
            if (!days.get(i).date().equals(expected)) {
                throw new IllegalArgumentException("days must be consecutive: expected " + expected + " after "
                        + days.get(i - 1).date() + ", found " + days.get(i).date());
            }
        }
        int window = settings.zWindow();
        double[] residuals = new double[days.size()];
        List<DayVerdict> verdicts = new ArrayList<>(days.size());
        List<AlertEpisode> episodes = new ArrayList<>();
        Run run = null;
        for (int i = 0; i < days.size(); i++) {
            ObservedDay day = days.get(i);
            residuals[i] = day.residual();
            double z = RobustZScore.score(residuals[i], day.yhat(), usualResiduals(days, residuals, i - window, i));
            Breach breach = day.breach();
            boolean anomalous = breach == Breach.SPIKE || (breach == Breach.DROP && settings.dropsAlert());
            boolean raised = !anomalous && breach == Breach.NONE && settings.sustainedRise()
                    && z >= settings.sustainedMinZ();
            // the direction of the run this day belongs to, if any: raised days only ever rise
            Breach direction = anomalous ? breach : raised ? Breach.SPIKE : null;
            boolean opened = false;
            if (direction != null && run != null && run.breach != direction) {
                // a spike straight after a run of drops (or the reverse) is a new run, not a longer one
                episodes.addAll(run.closeOn(day.date()));
                run = null;
            }
            if (direction != null) {
                run = run == null ? new Run(day.date(), direction) : run;
                opened = run.add(day, z, anomalous);
            } else if (run != null) {
                episodes.addAll(run.closeOn(day.date()));
                run = null;
            }
            verdicts.add(new DayVerdict(day, breach, anomalous, raised, z, opened));
        }
        if (run != null) {
            episodes.addAll(run.stillOpen());
        }
        return new Detection(verdicts, episodes);
    }

    /**
     * The residuals of the days in {@code [from, to)} that were inside their interval. Days outside it
     * are left out: an episode's own days (and last week's storm) would otherwise widen the scale its
     * later days are measured by, and a spike's third day would look milder than its first.
     */
    private static double[] usualResiduals(List<ObservedDay> days, double[] residuals, int from, int to) {
        double[] usual = new double[Math.max(0, to - Math.max(0, from))];
        int n = 0;
        for (int j = Math.max(0, from); j < to; j++) {
            if (days.get(j).breach() == Breach.NONE) {
                usual[n++] = residuals[j];
            }
        }
        return Arrays.copyOf(usual, n);
    }

    /**
     * The current run of days that count toward an alert (flagged, or raised under the sustained-rise
     * rule), local to one {@link #detect} call.
     */
    private final class Run {
        private final LocalDate start;
        private final Breach breach;
        private LocalDate last;
        private LocalDate openedOn;
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
        }

        /** Adds a day; returns whether the alert opens on it. */
        boolean add(ObservedDay day, double z, boolean flagged) {
            days++;
            last = day.date();
            trailingFlags = flagged ? trailingFlags + 1 : 0;
            double margin = Math.max(0, day.upper() - day.yhat());
            cappedResiduals += Math.min(day.residual(), margin);
            squaredMargins += margin * margin;
            double signed = breach == Breach.DROP ? -z : z;
            peak = Double.isNaN(peak) ? signed : Math.max(peak, signed);
            if (openedOn == null && (trailingFlags >= settings.consecutiveDays() || sustainedRise())) {
                openedOn = day.date();
                return true;
            }
            return false;
        }

        /**
         * The sustained-rise test: a spike run long enough whose capped residuals add up to more than
         * the day intervals allow for their total. Under independent day errors the sum's spread is the
         * square root of the sum of the days' squared spreads, at the level the intervals were made at.
         */
        private boolean sustainedRise() {
            return settings.sustainedRise() && breach == Breach.SPIKE && days >= settings.consecutiveDays()
                    && cappedResiduals > Math.sqrt(squaredMargins);
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
            return List.of(new AlertEpisode(start, openedOn, last, closedOn, days, z));
        }
    }
}
