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
 * @param schedule when the daily run starts
 * @param events whether landed batches are announced on SQS (the CLI lands without announcing)
 * @param oneShot set {@code source} to run one ingestion at start and exit (the CLI's mode)
 */
@ConfigurationProperties("nyc311.ingest")
public record IngestProperties(
        @DefaultValue Soda soda,
        @DefaultValue File file,
        @DefaultValue Retry retry,
        @DefaultValue Incremental incremental,
        @DefaultValue Schedule schedule,
        @DefaultValue Events events,
        @DefaultValue OneShot oneShot) {

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
