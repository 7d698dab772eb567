package org.nyc311.forecastservice.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.event.EventQueue;
import org.nyc311.service.messaging.QueueNames;
import org.nyc311.service.outbox.OutboxSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a training does, under {@code nyc311.forecast}.
 *
 * @param horizonDays days forecast per series by a training (and stored) (30)
 * @param maxOnDemandHorizon the largest horizon {@code POST /api/v1/forecasts} accepts (90)
 * @param level the prediction interval level (0.95)
 * @param trials hyperparameter trials of the Prophet-style model per series (20; 0 is the model's defaults only)
 * @param folds rolling origins per series for model choice (4)
 * @param threads series fitted at once (the bounded pool; the cores less one)
 * @param seriesTimeout the longest one series may take before it counts as failed (5 min)
 * @param maxAttempts attempts at a run while gold cannot be read (retried every {@code nyc311.mlflow.retry-interval};
 *     30)
 * @param queues the SQS queue names; the defaults are the local ones of {@link EventQueue}
 * @param lease how an instance holds a run while it works on it, so that two instances never fit the same run
 * @param outboxRetryInterval how often ForecastsPublished events SQS refused are sent again from the outbox (30 s)
 * @param onDemand  how many {@code POST /api/v1/forecasts} fits run at once and how long one may take
 * @param calibrationHalfLifeDays how fast the intervals forget a past shock: a calibration origin this many days old
 *     weighs half (forecast-engine's {@code ForecastSettings}); unset forgets nothing, as measured best on the
 *     development window (docs/BENCHMARKS.md, "Intervals that forget")
 * @param reconciliation how a training's forecasts are reconciled so that the boroughs add up to the city and the
 *     complaint types to their borough (forecast-engine's {@code MinTReconciliation}): {@code mint-shrink} (the
 *     default), {@code wls-variance}, or {@code off} for each series' own forecast; docs/BENCHMARKS.md, "Coherent
 *     levels"
 * @param borrowFromParents whether a series under a year old borrows the yearly pattern and holiday effects of its
 *     parent in gold (a complaint type's borough, a borough's city; forecast-engine's {@code ParentShape}); on by
 *     default, as measured on the development window (docs/BENCHMARKS.md, "Short histories")
 */
@ConfigurationProperties("nyc311.forecast")
public record ForecastProperties(
        int horizonDays,
        int maxOnDemandHorizon,
        double level,
        Integer trials,
        int folds,
        int threads,
        Duration seriesTimeout,
        int maxAttempts,
        Queues queues,
        Lease lease,
        Duration outboxRetryInterval,
        OnDemand onDemand,
        Double calibrationHalfLifeDays,
        Reconciliation reconciliation,
        Boolean borrowFromParents)
        implements OutboxSettings {

    public ForecastProperties(
            int horizonDays,
            int maxOnDemandHorizon,
            double level,
            @Nullable Integer trials,
            int folds,
            int threads,
            @Nullable Duration seriesTimeout,
            int maxAttempts,
            @Nullable Queues queues,
            @Nullable Lease lease,
            @Nullable Duration outboxRetryInterval,
            @Nullable OnDemand onDemand,
            @Nullable Double calibrationHalfLifeDays,
            @Nullable Reconciliation reconciliation,
            @Nullable Boolean borrowFromParents) {
        this.horizonDays = horizonDays <= 0 ? 30 : horizonDays;
        this.maxOnDemandHorizon = maxOnDemandHorizon <= 0 ? 90 : maxOnDemandHorizon;
        this.level = level <= 0 ? 0.95 : level;
        // 0 is meaningful (the Prophet-style model's defaults only): only an absent value takes the default
        this.trials = trials == null || trials < 0 ? 20 : trials;
        this.folds = folds <= 0 ? 4 : folds;
        // computed: the cores less one, leaving one to the web and the listener (application.yml sets 2 locally)
        this.threads = threads <= 0 ? Math.max(1, Runtime.getRuntime().availableProcessors() - 1) : threads;
        this.seriesTimeout = seriesTimeout == null ? Duration.ofMinutes(5) : seriesTimeout;
        this.maxAttempts = maxAttempts <= 0 ? 30 : maxAttempts;
        this.queues = queues == null ? new Queues(null, null) : queues;
        this.lease = lease == null ? new Lease(null, null, null) : lease;
        this.outboxRetryInterval = outboxRetryInterval == null ? Duration.ofSeconds(30) : outboxRetryInterval;
        this.onDemand = onDemand == null ? new OnDemand(0, null) : onDemand;
        this.calibrationHalfLifeDays =
                calibrationHalfLifeDays == null ? Double.POSITIVE_INFINITY : calibrationHalfLifeDays;
        this.reconciliation = reconciliation == null ? Reconciliation.MINT_SHRINK : reconciliation;
        this.borrowFromParents = borrowFromParents == null || borrowFromParents;
        if (!(this.calibrationHalfLifeDays >= 1)) {
            throw new IllegalArgumentException("nyc311.forecast.calibration-half-life-days must be at least 1 day, was "
                    + calibrationHalfLifeDays);
        }
    }

    /** How a training's forecasts are made to add up across gold's levels, or not. */
    public enum Reconciliation {
        /** MinT: weighted by the series' error covariance, its correlations shrunk (Schäfer-Strimmer). */
        MINT_SHRINK,
        /** Weighted by the series' error variances alone. */
        WLS_VARIANCE,
        /** Each series keeps its own forecast. */
        OFF
    }

    /**
     * The on-demand fits' own bounded pool, apart from the trainings': a fit that finds every thread busy is
     * refused with 429 (never queued), and one that outlasts {@code timeout} is answered with 503.
     *
     * @param threads fits at once (1)
     * @param timeout the longest a caller waits for one fit (30 s)
     */
    public record OnDemand(int threads, Duration timeout) {
        public OnDemand(int threads, @Nullable Duration timeout) {
            this.threads = threads <= 0 ? 1 : threads;
            this.timeout =
                    timeout == null || timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(30) : timeout;
        }
    }

    /** Queue names; production prefixes them per environment. */
    public record Queues(String goldRefreshed, String forecastsPublished) implements QueueNames {
        public Queues(@Nullable String goldRefreshed, @Nullable String forecastsPublished) {
            this.goldRefreshed = QueueNames.orDefault(goldRefreshed, EventQueue.GOLD_REFRESHED);
            this.forecastsPublished = QueueNames.orDefault(forecastsPublished, EventQueue.FORECASTS_PUBLISHED);
        }
    }

    /**
     * A run is claimed by one instance with a lease, which its heartbeat pushes on while it fits, tracks
     * and announces the run; another instance takes the run over only once the lease has expired.
     *
     * @param duration how long a claim holds without a heartbeat: a run whose instance died waits this
     *     long (and up to one {@code nyc311.mlflow.retry-interval} more) before another instance takes it
     * @param heartbeat how often the holder pushes its lease on; well under {@code duration}, so that a
     *     slow database round trip does not lose it
     * @param owner the name this instance claims under, for logs and the {@code forecast_run} row; its
     *     host and process id by default
     */
    public record Lease(Duration duration, Duration heartbeat, String owner) {
        public Lease(@Nullable Duration duration, @Nullable Duration heartbeat, @Nullable String owner) {
            this.duration = duration == null ? Duration.ofMinutes(2) : duration;
            // computed from the duration, so that a longer lease alone keeps its heartbeat well inside it
            this.heartbeat = heartbeat == null ? this.duration.dividedBy(4) : heartbeat;
            if (this.duration.isNegative()
                    || this.duration.isZero()
                    || this.heartbeat.isNegative()
                    || this.heartbeat.isZero()
                    || this.heartbeat.compareTo(this.duration) >= 0) {
                throw new IllegalArgumentException("nyc311.forecast.lease.heartbeat (" + this.heartbeat
                        + ") must be positive and shorter than nyc311.forecast.lease.duration (" + this.duration + ")");
            }
            // computed: each instance's own name, which no configuration file can hold
            this.owner = owner == null || owner.isBlank() ? hostAndProcess() : owner;
        }

        private static String hostAndProcess() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
            }
            return host + "/" + ProcessHandle.current().pid();
        }
    }
}
