package org.nyc311.forecastservice.config;

import java.time.Duration;
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
        OnDemand onDemand)
        implements OutboxSettings {

    public ForecastProperties {
        horizonDays = horizonDays <= 0 ? 30 : horizonDays;
        maxOnDemandHorizon = maxOnDemandHorizon <= 0 ? 90 : maxOnDemandHorizon;
        level = level <= 0 ? 0.95 : level;
        // 0 is meaningful (the Prophet-style model's defaults only): only an absent value takes the default
        trials = trials == null || trials < 0 ? 20 : trials;
        folds = folds <= 0 ? 4 : folds;
        // computed: the cores less one, leaving one to the web and the listener (application.yml sets 2 locally)
        threads = threads <= 0 ? Math.max(1, Runtime.getRuntime().availableProcessors() - 1) : threads;
        seriesTimeout = seriesTimeout == null ? Duration.ofMinutes(5) : seriesTimeout;
        maxAttempts = maxAttempts <= 0 ? 30 : maxAttempts;
        queues = queues == null ? new Queues(null, null) : queues;
        lease = lease == null ? new Lease(null, null, null) : lease;
        outboxRetryInterval = outboxRetryInterval == null ? Duration.ofSeconds(30) : outboxRetryInterval;
        onDemand = onDemand == null ? new OnDemand(0, null) : onDemand;
    }

    /**
     * The on-demand fits' own bounded pool, apart from the trainings': a fit that finds every thread busy is
     * refused with 429 (never queued), and one that outlasts {@code timeout} is answered with 503.
     *
     * @param threads fits at once (1)
     * @param timeout the longest a caller waits for one fit (30 s)
     */
    public record OnDemand(int threads, Duration timeout) {
        public OnDemand {
            threads = threads <= 0 ? 1 : threads;
            timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(30) : timeout;
        }
    }

    /** Queue names; production prefixes them per environment. */
    public record Queues(String goldRefreshed, String forecastsPublished) implements QueueNames {
        public Queues {
            goldRefreshed = QueueNames.orDefault(goldRefreshed, EventQueue.GOLD_REFRESHED);
            forecastsPublished = QueueNames.orDefault(forecastsPublished, EventQueue.FORECASTS_PUBLISHED);
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
        public Lease {
            duration = duration == null ? Duration.ofMinutes(2) : duration;
            // computed from the duration, so that a longer lease alone keeps its heartbeat well inside it
            heartbeat = heartbeat == null ? duration.dividedBy(4) : heartbeat;
            if (duration.isNegative()
                    || duration.isZero()
                    || heartbeat.isNegative()
                    || heartbeat.isZero()
                    || heartbeat.compareTo(duration) >= 0) {
                throw new IllegalArgumentException("nyc311.forecast.lease.heartbeat (" + heartbeat
                        + ") must be positive and shorter than nyc311.forecast.lease.duration (" + duration + ")");
            }
            // computed: each instance's own name, which no configuration file can hold
            owner = owner == null || owner.isBlank() ? hostAndProcess() : owner;
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
