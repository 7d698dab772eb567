package org.nyc311.ingest.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.event.EventQueue;
import org.nyc311.service.messaging.QueueNames;
import org.nyc311.service.outbox.OutboxSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything the intake can be told, under {@code nyc311.ingest}. Each default is set once, in the compact
 * constructor of its record (as in every service's settings), so that a record built in a test and one
 * bound from configuration agree; application.yml holds no defaults.
 *
 * @param soda the Socrata endpoint and how to page through it
 * @param file how file sources are paged
 * @param retry how long to keep asking a failing source before the run fails
 * @param incremental the daily run on {@code :updated_at}
 * @param limits how wide and how far ahead a requested window of the SODA API may reach
 * @param lease how long a run stays this process's without a heartbeat, and how often the heartbeat beats
 * @param schedule when the daily run starts
 * @param events whether landed batches are announced on SQS (the CLI lands without announcing)
 * @param oneShot set {@code source} to run one ingestion at start and exit (the CLI's mode)
 * @param runs how many runs started over the API execute at once, and how many may wait
 * @param resume how the service resumes, by itself, a run that failed because S3, PostgreSQL or the source
 *     could not be reached
 * @param queues the SQS queue RawBatchLanded goes to; the default is the local one of {@link EventQueue}
 */
@ConfigurationProperties("nyc311.ingest")
public record IngestProperties(
        Soda soda,
        File file,
        Retry retry,
        Incremental incremental,
        Limits limits,
        Lease lease,
        Schedule schedule,
        Events events,
        OneShot oneShot,
        Runs runs,
        Resume resume,
        Queues queues) {

    public IngestProperties(
            @Nullable Soda soda,
            @Nullable File file,
            @Nullable Retry retry,
            @Nullable Incremental incremental,
            @Nullable Limits limits,
            @Nullable Lease lease,
            @Nullable Schedule schedule,
            @Nullable Events events,
            @Nullable OneShot oneShot,
            @Nullable Runs runs,
            @Nullable Resume resume,
            @Nullable Queues queues) {
        this.soda = soda == null ? new Soda(null, null, null, null, null, null) : soda;
        this.file = file == null ? new File(null, null) : file;
        this.retry = retry == null ? new Retry(null, null, null, null, null) : retry;
        this.incremental = incremental == null ? new Incremental(null, null) : incremental;
        this.limits = limits == null ? new Limits(null, null, null) : limits;
        this.lease = lease == null ? new Lease(null, null) : lease;
        this.schedule = schedule == null ? new Schedule(null, null, null) : schedule;
        this.events = events == null ? new Events(null, null) : events;
        this.oneShot = oneShot == null ? new OneShot(null, null, null) : oneShot;
        this.runs = runs == null ? new Runs(null, null) : runs;
        this.resume = resume == null ? new Resume(null, null, null, null, null) : resume;
        this.queues = queues == null ? new Queues(null) : queues;
    }

    /**
     * @param baseUrl scheme and host of the Socrata portal
     * @param dataset the 311 dataset id
     * @param appToken sent as {@code X-App-Token} when set (from configuration or a secret), raising the rate limit
     * @param pageSize {@code $limit} per request; each page lands as one part
     */
    public record Soda(
            URI baseUrl,
            String dataset,
            @Nullable String appToken,
            Integer pageSize,
            Duration connectTimeout,
            Duration readTimeout) {

        public Soda(
                @Nullable URI baseUrl,
                @Nullable String dataset,
                @Nullable String appToken,
                @Nullable Integer pageSize,
                @Nullable Duration connectTimeout,
                @Nullable Duration readTimeout) {
            this.baseUrl = baseUrl == null ? URI.create("https://data.cityofnewyork.us") : baseUrl;
            this.dataset = dataset == null ? "erm2-nwe9" : dataset;
            this.pageSize = pageSize == null ? 50_000 : pageSize;
            this.connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
            this.readTimeout = readTimeout == null ? Duration.ofSeconds(120) : readTimeout;
            if (this.pageSize < 1) {
                throw new IllegalArgumentException(
                        "nyc311.ingest.soda.page-size must be at least 1, was " + this.pageSize);
            }
            this.appToken = appToken;
        }

        public URI resourceUri() {
            return baseUrl.resolve("/resource/" + dataset + ".json");
        }

        public boolean hasAppToken() {
            return appToken != null && !appToken.isBlank();
        }
    }

    /**
     * @param pageSize records per part when replaying a file
     * @param replayDirectory the folder whose files {@code POST /api/v1/ingestions} may replay ({@code "source"});
     *     unset, the API ingests from SODA only, so that a request can never make the service read its own disk
     */
    public record File(Integer pageSize, @Nullable Path replayDirectory) {

        public File(@Nullable Integer pageSize, @Nullable Path replayDirectory) {
            this.pageSize = pageSize == null ? 50_000 : pageSize;
            if (this.pageSize < 1) {
                throw new IllegalArgumentException(
                        "nyc311.ingest.file.page-size must be at least 1, was " + this.pageSize);
            }
            this.replayDirectory = replayDirectory;
        }
    }

    /**
     * Exponential backoff with jitter for 429, 5xx and timeouts; a Retry-After from the server wins.
     *
     * @param maxElapsed the bound on time spent retrying one page; past it the run fails with the reason
     */
    public record Retry(
            Duration initialInterval,
            Double multiplier,
            Duration maxInterval,
            Duration maxElapsed,
            Integer maxAttempts) {

        public Retry(
                @Nullable Duration initialInterval,
                @Nullable Double multiplier,
                @Nullable Duration maxInterval,
                @Nullable Duration maxElapsed,
                @Nullable Integer maxAttempts) {
            this.initialInterval = initialInterval == null ? Duration.ofSeconds(1) : initialInterval;
            this.multiplier = multiplier == null ? 2.0 : multiplier;
            this.maxInterval = maxInterval == null ? Duration.ofSeconds(60) : maxInterval;
            this.maxElapsed = maxElapsed == null ? Duration.ofMinutes(10) : maxElapsed;
            this.maxAttempts = maxAttempts == null ? 12 : maxAttempts;
        }
    }

    /**
     * @param overlap how far before the last watermark the next run starts, so that late updates arrive
     * @param firstLookback how far back the very first incremental run reaches when there is no watermark yet
     */
    public record Incremental(Duration overlap, Duration firstLookback) {

        public Incremental(@Nullable Duration overlap, @Nullable Duration firstLookback) {
            this.overlap = overlap == null ? Duration.ofDays(1) : overlap;
            this.firstLookback = firstLookback == null ? Duration.ofDays(1) : firstLookback;
        }
    }

    /**
     * What a window asked of the SODA API (over HTTP or the one-shot mode) may be. An incremental run's
     * end becomes the watermark, so an end in the future would make every later daily window start
     * after it ends; a very wide window is a mistake that costs hours of paging. Each window is judged
     * on its own field's clock: a backfill's {@code created_date} bounds in New York local time, an
     * incremental's {@code :updated_at} bounds in UTC. Files are not limited: the file bounds the work,
     * and a file run never moves the watermark.
     *
     * @param maxBackfill the widest {@code created_date} window of one backfill run (split longer histories)
     * @param maxIncremental the widest {@code :updated_at} window of one requested incremental run; the
     *     scheduled run's window (watermark less the overlap, to now) is never refused, whatever the gap
     * @param clockSkew how far past this service's now a bound may lie, for clocks that disagree a little
     */
    public record Limits(Duration maxBackfill, Duration maxIncremental, Duration clockSkew) {

        public Limits(@Nullable Duration maxBackfill, @Nullable Duration maxIncremental, @Nullable Duration clockSkew) {
            this.maxBackfill = maxBackfill == null ? Duration.ofDays(366) : maxBackfill;
            this.maxIncremental = maxIncremental == null ? Duration.ofDays(31) : maxIncremental;
            this.clockSkew = clockSkew == null ? Duration.ofMinutes(5) : clockSkew;
            if (this.maxBackfill.isNegative()
                    || this.maxBackfill.isZero()
                    || this.maxIncremental.isNegative()
                    || this.maxIncremental.isZero()) {
                throw new IllegalArgumentException(
                        "nyc311.ingest.limits.max-backfill and .max-incremental must be positive");
            }
            if (this.clockSkew.isNegative()) {
                throw new IllegalArgumentException(
                        "nyc311.ingest.limits.clock-skew must not be negative, was " + this.clockSkew);
            }
        }
    }

    /**
     * A running run is held by the process running it, through a lease in the database that this process
     * renews every {@code heartbeat} (and with every page it commits). Another ingest process on the same
     * database (the daily one-shot task beside the service, a second instance) leaves a run alone while its
     * lease holds, and takes it over (fails it, then resumes it when its window is asked for again) once
     * the lease has expired: its process was killed or lost the database for a whole {@code length}.
     *
     * @param length how long a run's lease lasts without renewal: how soon a killed process's run can be taken over
     * @param heartbeat how often a process renews the leases of its runs; well below {@code length}
     */
    public record Lease(Duration length, Duration heartbeat) {

        public Lease(@Nullable Duration length, @Nullable Duration heartbeat) {
            this.length = length == null ? Duration.ofMinutes(2) : length;
            this.heartbeat = heartbeat == null ? Duration.ofSeconds(20) : heartbeat;
            if (this.heartbeat.isNegative()
                    || this.heartbeat.isZero()
                    || this.heartbeat.multipliedBy(2).compareTo(this.length) > 0) {
                throw new IllegalArgumentException("nyc311.ingest.lease.heartbeat (" + this.heartbeat
                        + ") must be positive and at most half of nyc311.ingest.lease.length (" + this.length + ")");
            }
        }
    }

    /**
     * A run that failed because a dependency could not be reached (an outage, not an answer) is resumed by
     * the service after {@code firstWait}, doubling up to {@code maxWait}, for {@code attempts} tries: with the
     * defaults an outage of up to about 2 h 45 min is ridden out (30 s + 1 + 2 + 4 + 8 min, then 15 x 10 min).
     * After that the run stays FAILED until its window is asked for again. Off in one-shot mode: that process
     * lives for its own run.
     *
     * @param enabled whether the service resumes such runs at all
     * @param checkEvery how often the service looks for runs whose wait is over
     */
    public record Resume(Boolean enabled, Duration firstWait, Duration maxWait, Integer attempts, Duration checkEvery) {

        public Resume(
                @Nullable Boolean enabled,
                @Nullable Duration firstWait,
                @Nullable Duration maxWait,
                @Nullable Integer attempts,
                @Nullable Duration checkEvery) {
            this.enabled = enabled == null || enabled;
            this.firstWait = firstWait == null ? Duration.ofSeconds(30) : firstWait;
            this.maxWait = maxWait == null ? Duration.ofMinutes(10) : maxWait;
            this.attempts = attempts == null ? 20 : attempts;
            this.checkEvery = checkEvery == null ? Duration.ofSeconds(10) : checkEvery;
            if (this.firstWait.isNegative()
                    || this.firstWait.isZero()
                    || this.maxWait.compareTo(this.firstWait) < 0
                    || this.attempts < 0) {
                throw new IllegalArgumentException(
                        "nyc311.ingest.resume: first-wait (" + this.firstWait + ") must be positive, " + "max-wait ("
                                + this.maxWait + ") at least first-wait, attempts (" + this.attempts + ") at least 0");
            }
        }
    }

    /** The daily run: 03:00 New York time unless told otherwise. */
    public record Schedule(Boolean enabled, String cron, ZoneId zone) {

        public Schedule(@Nullable Boolean enabled, @Nullable String cron, @Nullable ZoneId zone) {
            this.enabled = enabled == null || enabled;
            this.cron = cron == null ? "0 0 3 * * *" : cron;
            this.zone = zone == null ? ZoneId.of("America/New_York") : zone;
        }
    }

    /**
     * @param enabled whether landed batches are announced
     * @param outboxRetryInterval how often RawBatchLanded events SQS refused are sent again from the outbox
     */
    public record Events(Boolean enabled, Duration outboxRetryInterval) implements OutboxSettings {

        public Events(@Nullable Boolean enabled, @Nullable Duration outboxRetryInterval) {
            this.enabled = enabled == null || enabled;
            this.outboxRetryInterval = outboxRetryInterval == null ? Duration.ofSeconds(30) : outboxRetryInterval;
        }
    }

    /**
     * @param source {@code api} or the path of a .jsonl, .jsonl.gz or Open Data CSV export file; unset means serve
     * @param from window start (a date or a floating timestamp); with {@code to}, a backfill window
     * @param to window end, inclusive
     */
    public record OneShot(
            @Nullable String source,
            @Nullable String from,
            @Nullable String to) {

        public boolean enabled() {
            return source != null && !source.isBlank();
        }
    }

    /**
     * The pool that executes runs started over the API: past {@code threads} running and
     * {@code queueCapacity} waiting, a start is refused with a 503 and Retry-After, not queued without bound.
     */
    public record Runs(Integer threads, Integer queueCapacity) {

        public Runs(@Nullable Integer threads, @Nullable Integer queueCapacity) {
            this.threads = threads == null ? 2 : threads;
            this.queueCapacity = queueCapacity == null ? 16 : queueCapacity;
            if (this.threads < 1 || this.queueCapacity < 0) {
                throw new IllegalArgumentException("nyc311.ingest.runs needs threads >= 1 and queue-capacity >= 0, was "
                        + this.threads + " and " + this.queueCapacity);
            }
        }
    }

    /**
     * Queue names; production prefixes them per environment.
     *
     * @param rawBatchLanded where landed batches are announced
     */
    public record Queues(String rawBatchLanded) implements QueueNames {

        public Queues(@Nullable String rawBatchLanded) {
            this.rawBatchLanded = QueueNames.orDefault(rawBatchLanded, EventQueue.RAW_BATCH_LANDED);
        }
    }

    /** Parses a CLI bound: {@code 2026-01-01} (start or end of that day) or a floating timestamp. */
    public static LocalDateTime parseBound(String text, boolean end) {
        String value = text.trim();
        if (value.length() == 10) {
            java.time.LocalDate date = java.time.LocalDate.parse(value);
            return end ? date.atTime(23, 59, 59) : date.atStartOfDay();
        }
        return LocalDateTime.parse(value);
    }

    /** Where file sources are read from; a path relative to the working directory. */
    public static Path filePath(String source) {
        return Path.of(source).toAbsolutePath().normalize();
    }
}
