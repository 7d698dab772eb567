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
 *   <li>Every day gets a {@link RobustZScore} of its residual against the residuals of the
 *       {@code zWindow} days before it: its severity. It does not decide anything.</li>
 *   <li>An <b>alert</b> opens on the day a run of anomalous days reaches {@code consecutiveDays}, and
 *       closes on the first day after it that is not anomalous ("back inside"). However long the run,
 *       it is one alert.</li>
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
            double z = RobustZScore.score(residuals[i], day.yhat(),
                    Arrays.copyOfRange(residuals, Math.max(0, i - window), i));
            Breach breach = day.breach();
            boolean anomalous = breach == Breach.SPIKE || (breach == Breach.DROP && settings.dropsAlert());
            boolean opened = false;
            if (anomalous && run != null && run.breach != breach) {
                // a spike straight after a run of drops (or the reverse) is a new run, not a longer one
                episodes.addAll(run.closeOn(day.date()));
                run = null;
            }
            if (anomalous) {
                run = run == null ? new Run(day.date(), breach) : run;
                run.add(day.date(), z);
                opened = run.days == settings.consecutiveDays();
            } else if (run != null) {
                episodes.addAll(run.closeOn(day.date()));
                run = null;
            }
            verdicts.add(new DayVerdict(day, breach, anomalous, z, opened));
        }
        if (run != null) {
            episodes.addAll(run.stillOpen());
        }
        return new Detection(verdicts, episodes);
    }

    /** The current run of anomalous days, local to one {@link #detect} call. */
    private final class Run {
        private final LocalDate start;
        private final Breach breach;
        private LocalDate last;
        private LocalDate openedOn;
        private int days;
        private double peak = Double.NaN;

        Run(LocalDate start, Breach breach) {
            this.start = start;
            this.breach = breach;
        }

        void add(LocalDate date, double z) {
            days++;
            last = date;
            double signed = breach == Breach.DROP ? -z : z;
            peak = Double.isNaN(peak) ? signed : Math.max(peak, signed);
            if (days == settings.consecutiveDays()) {
                openedOn = date;
            }
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
