package org.nyc311.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.metrics.IngestionMetrics;
import org.nyc311.model.ingest.IngestionWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Socrata SODA 2.1 endpoint of dataset {@code erm2-nwe9}, paged with {@code $limit} by key
 * ({@link PageKey}, {@link SodaQuery}): each page goes on after the last record of the one before.
 *
 * <p>429, 5xx, timeouts and bodies cut short are retried with exponential backoff and jitter,
 * honouring Retry-After, for at most {@code nyc311.ingest.retry.max-elapsed} per page; after that, or
 * on any other answer that is not a JSON array of objects, the run fails with the reason. A page is
 * returned whole or not at all, so a part is never half a page.
 */
@Component
public class SodaSource implements RecordSource {

    private static final Logger LOG = LoggerFactory.getLogger(SodaSource.class);

    private final IngestProperties.Soda soda;
    private final IngestProperties.Retry retry;
    private final IngestionMetrics metrics;
    private final ObjectMapper mapper;
    private final HttpClient http;

    public SodaSource(IngestProperties properties, IngestionMetrics metrics) {
        this.soda = properties.soda();
        this.retry = properties.retry();
        this.metrics = metrics;
        // its own plain mapper: how the application formats its JSON must never change a raw record, and a
        // number (SODA sends strings, but a record is not ours to judge) keeps every digit it came with
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(soda.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public String kind() {
        return "api";
    }

    @Override
    public PageReader open(IngestionWindow window, int pageSize, int startPage, @Nullable PageKey resumeAfter) {
        if (startPage > 0 && resumeAfter == null) {
            throw new IllegalArgumentException("a SODA reader resumes after a page key, not a page number");
        }
        return new PageReader() {
            private int next = startPage;
            private @Nullable PageKey after = resumeAfter;
            private boolean exhausted;

            @Override
            public Optional<Page> next() {
                if (exhausted) {
                    return Optional.empty();
                }
                String where = "SODA page " + next + " (offset " + (long) next * pageSize + ")";
                List<JsonNode> records = fetch(window, pageSize, next, after, where);
                // a short page is the last one: saves a request that would only answer []
                exhausted = records.size() < pageSize;
                if (records.isEmpty()) {
                    return Optional.empty();
                }
                PageKey last;
                try {
                    last = PageKey.of(window.kind(), records.get(records.size() - 1));
                } catch (IllegalArgumentException e) {
                    throw new SourceFailedException(where + " cannot be paged by key: " + e.getMessage(), e);
                }
                if (last.equals(after)) {
                    throw new SourceFailedException(where + " ends on the key it was asked to start after (" + last
                            + "): the server does not page by key; stopping rather than reading the same page forever");
                }
                after = last;
                return Optional.of(new Page(
                        next++, records.stream().map(SodaSource.this::compact).toList(), last));
            }

            @Override
            public void close() {
                // nothing held between requests
            }
        };
    }

    /** One page, retried as the class describes. */
    List<JsonNode> fetch(IngestionWindow window, int pageSize, int page, @Nullable PageKey after, String where) {
        URI uri = SodaQuery.uri(soda.resourceUri(), window, pageSize, after);
        long begin = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(Math.max(1, retry.maxAttempts()))
                .retryOnException(failure -> failure instanceof TransientSourceException transient_
                        && withinBudget(begin, transient_.retryAfter().orElse(Duration.ZERO)))
                .intervalBiFunction((attempt, outcome) -> delayMillis(
                        attempt,
                        outcome.isLeft() && outcome.getLeft() instanceof TransientSourceException t
                                ? t.retryAfter()
                                : Optional.empty(),
                        begin))
                .build();
        Retry pageRetry = Retry.of("soda-page-" + page, config);
        pageRetry.getEventPublisher().onRetry(event -> {
            metrics.retried(reasonTag(event.getLastThrowable()));
            LOG.warn(
                    "{}: attempt {} failed ({}); retrying in {} ms",
                    where,
                    event.getNumberOfRetryAttempts(),
                    event.getLastThrowable().getMessage(),
                    event.getWaitInterval().toMillis());
        });
        CheckedSupplier<List<JsonNode>> once = () -> {
            attempts.incrementAndGet();
            return fetchOnce(uri, where);
        };
        try {
            return Retry.decorateCheckedSupplier(pageRetry, once).get();
        } catch (TransientSourceException e) {
            String asked = e.retryAfter()
                    .map(wait -> "; the server asked to retry after " + wait.toSeconds() + " s")
                    .orElse("");
            throw new SourceFailedException(
                    where + " still failing after " + attempts.get() + " attempt(s) in "
                            + Duration.ofNanos(System.nanoTime() - begin).toSeconds() + " s (retry budget "
                            + retry.maxElapsed().toSeconds() + " s, " + retry.maxAttempts() + " attempts): "
                            + e.getMessage() + asked,
                    e);
        } catch (SourceFailedException e) {
            throw e;
        } catch (Throwable e) {
            throw new SourceFailedException(where + " failed: " + e, e);
        }
    }

    private List<JsonNode> fetchOnce(URI uri, String where) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(soda.readTimeout())
                .header("Accept", "application/json")
                .GET();
        if (soda.hasAppToken()) {
            request.header("X-App-Token", soda.appToken());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new TransientSourceException("timed out: " + e.getMessage(), null, e);
        } catch (IOException e) {
            throw new TransientSourceException("connection failed or body cut short: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceFailedException(where + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new TransientSourceException(
                    "HTTP " + status, retryAfter(response).orElse(null), null);
        }
        if (status != 200) {
            throw new SourceFailedException(where + ": SODA answered HTTP " + status + ": " + excerpt(response.body()));
        }
        return records(response.body(), where);
    }

    private List<JsonNode> records(String body, String where) {
        JsonNode root;
        try {
            // trailing garbage after the array is as wrong as a cut-off array
            root = mapper.reader()
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(body);
        } catch (JsonProcessingException e) {
            throw new SourceFailedException(
                    where + " is malformed JSON; nothing of it lands and the run stops: "
                            + e.getOriginalMessage() + " at line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr(),
                    e);
        }
        if (root == null || !root.isArray()) {
            throw new SourceFailedException(where + " is not a JSON array of records but " + excerpt(body));
        }
        List<JsonNode> records = new ArrayList<>(root.size());
        for (JsonNode record : root) {
            if (!record.isObject()) {
                throw new SourceFailedException(where + " holds a non-object element: " + excerpt(record.toString()));
            }
            records.add(record);
        }
        return records;
    }

    /** A record written back compactly, every field and digit as it came. */
    private String compact(JsonNode record) {
        try {
            return mapper.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write back a record just read", e);
        }
    }

    private boolean withinBudget(long begin, Duration wait) {
        Duration spent = Duration.ofNanos(System.nanoTime() - begin);
        return spent.plus(wait).compareTo(retry.maxElapsed()) < 0;
    }

    /** Retry-After when the server gave one; otherwise exponential with "equal jitter" (half fixed, half random). */
    private long delayMillis(int attempt, Optional<Duration> retryAfter, long begin) {
        long remaining = retry.maxElapsed()
                .minus(Duration.ofNanos(System.nanoTime() - begin))
                .toMillis();
        long delay;
        if (retryAfter.isPresent()) {
            delay = retryAfter.get().toMillis();
        } else {
            double exponential =
                    retry.initialInterval().toMillis() * Math.pow(retry.multiplier(), Math.max(0, attempt - 1));
            double capped = Math.min(exponential, retry.maxInterval().toMillis());
            delay = (long) (capped / 2 + ThreadLocalRandom.current().nextDouble() * capped / 2);
        }
        return Math.max(0, Math.min(delay, remaining));
    }

    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(SodaSource::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String text = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException neither) {
                return Optional.empty();
            }
        }
    }

    private static String reasonTag(Throwable failure) {
        String message = failure == null ? "" : String.valueOf(failure.getMessage());
        if (message.startsWith("HTTP 429")) {
            return "throttled";
        }
        if (message.startsWith("HTTP")) {
            return "server-error";
        }
        return message.startsWith("timed out") ? "timeout" : "io";
    }

    private static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }
}
