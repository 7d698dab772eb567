package org.nyc311.ingest.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the intake can be told, under {@code nyc311.ingest}.
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
 */
@ConfigurationProperties("nyc311.ingest")
public record IngestProperties(
        @DefaultValue Soda soda,
        @DefaultValue File file,
        @DefaultValue Retry retry,
        @DefaultValue Incremental incremental,
        @DefaultValue Limits limits,
        @DefaultValue Lease lease,
        @DefaultValue Schedule schedule,
        @DefaultValue Events events,
        @DefaultValue OneShot oneShot,
        @DefaultValue Runs runs,
        @DefaultValue Resume resume) {

    /**
     * @param baseUrl scheme and host of the Socrata portal
     * @param dataset the 311 dataset id
     * @param appToken sent as {@code X-App-Token} when set (from configuration or a secret), raising the rate limit
     * @param pageSize {@code $limit} per request; each page lands as one part
     */
    public record Soda(
            @DefaultValue("https://data.cityofnewyork.us") URI baseUrl,
            @DefaultValue("erm2-nwe9") String dataset,
            String appToken,
            @DefaultValue("50000") int pageSize,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("120s") Duration readTimeout) {

        public Soda {
            if (pageSize < 1) {
                throw new IllegalArgumentException("nyc311.ingest.soda.page-size must be at least 1, was " + pageSize);
            }
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
    public record File(@DefaultValue("50000") int pageSize, Path replayDirectory) {

        public File {
            if (pageSize < 1) {
                throw new IllegalArgumentException("nyc311.ingest.file.page-size must be at least 1, was " + pageSize);
            }
        }
    }

    /**
     * Exponential backoff with jitter for 429, 5xx and timeouts; a Retry-After from the server wins.
     *
     * @param maxElapsed the bound on time spent retrying one page; past it the run fails with the reason
     */
    public record Retry(
            @DefaultValue("1s") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("60s") Duration maxInterval,
            @DefaultValue("10m") Duration maxElapsed,
            @DefaultValue("12") int maxAttempts) {
    }

    /**
     * @param overlap how far before the last watermark the next run starts, so that late updates arrive
     * @param firstLookback how far back the very first incremental run reaches when there is no watermark yet
     */
    public record Incremental(
            @DefaultValue("1d") Duration overlap,
            @DefaultValue("1d") Duration firstLookback) {
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
    public record Limits(
            @DefaultValue("366d") Duration maxBackfill,
            @DefaultValue("31d") Duration maxIncremental,
            @DefaultValue("5m") Duration clockSkew) {

        public Limits {
            if (maxBackfill.isNegative() || maxBackfill.isZero() || maxIncremental.isNegative() || maxIncremental.isZero()) {
                throw new IllegalArgumentException("nyc311.ingest.limits.max-backfill and .max-incremental must be positive");
            }
            if (clockSkew.isNegative()) {
                throw new IllegalArgumentException("nyc311.ingest.limits.clock-skew must not be negative, was " + clockSkew);
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
    public record Lease(
            @DefaultValue("2m") Duration length,
            @DefaultValue("20s") Duration heartbeat) {

        public Lease {
            if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.multipliedBy(2).compareTo(length) > 0) {
                throw new IllegalArgumentException("nyc311.ingest.lease.heartbeat (" + heartbeat
                        + ") must be positive and at most half of nyc311.ingest.lease.length (" + length + ")");
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
    public record Resume(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30s") Duration firstWait,
            @DefaultValue("10m") Duration maxWait,
            @DefaultValue("20") int attempts,
            @DefaultValue("10s") Duration checkEvery) {

        public Resume {
            if (firstWait.isNegative() || firstWait.isZero() || maxWait.compareTo(firstWait) < 0 || attempts < 0) {
                throw new IllegalArgumentException("nyc311.ingest.resume: first-wait (" + firstWait + ") must be positive, "
                        + "max-wait (" + maxWait + ") at least first-wait, attempts (" + attempts + ") at least 0");
            }
        }

    }

    /** The daily run: 03:00 New York time unless told otherwise. */
    public record Schedule(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0 0 3 * * *") String cron,
            @DefaultValue("America/New_York") ZoneId zone) {
    }

    /**
     * @param enabled whether landed batches are announced
     * @param outboxRetryInterval how often RawBatchLanded events SQS refused are sent again from the outbox
     */
    public record Events(@DefaultValue("true") boolean enabled, @DefaultValue("30s") java.time.Duration outboxRetryInterval) {
    }

    /**
     * @param source {@code api} or the path of a .jsonl, .jsonl.gz or Open Data CSV export file; unset means serve
     * @param from window start (a date or a floating timestamp); with {@code to}, a backfill window
     * @param to window end, inclusive
     */
    public record OneShot(String source, String from, String to) {

        public boolean enabled() {
            return source != null && !source.isBlank();
        }
    }

    /**
     * The pool that executes runs started over the API: past {@code threads} running and
     * {@code queueCapacity} waiting, a start is refused with a 503 and Retry-After, not queued without bound.
     */
    public record Runs(@DefaultValue("2") int threads, @DefaultValue("16") int queueCapacity) {

        public Runs {
            if (threads < 1 || queueCapacity < 0) {
                throw new IllegalArgumentException("nyc311.ingest.runs needs threads >= 1 and queue-capacity >= 0, was "
                        + threads + " and " + queueCapacity);
            }
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
