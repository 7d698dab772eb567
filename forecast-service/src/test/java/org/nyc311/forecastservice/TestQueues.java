package org.nyc311.forecastservice;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nyc311.forecastservice.support.GoldFixture;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.ForecastsPublished;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.testsupport.sqs.SqsServer;

/** The test's side of the queues: plays pipeline-controller (sends GoldRefreshed) and anomaly-service (reads ForecastsPublished). */
final class TestQueues {

    private static final List<ForecastsPublished> PUBLISHED = new CopyOnWriteArrayList<>();

    private final SqsServer sqs;
    private final EventJson json = new EventJson();

    TestQueues(SqsServer sqs) {
        this.sqs = sqs;
    }

    static GoldRefreshed goldRefreshed(String pipelineRunId) {
        Clock clock = Clock.fixed(Instant.parse("2026-05-01T09:00:00Z"), ZoneOffset.UTC);
        return GoldRefreshed.of(
                clock,
                pipelineRunId,
                List.of("ingest-" + pipelineRunId),
                Map.of("daily_series", 1L, "series_catalog", 1L),
                GoldFixture.LAST_DAY,
                Map.of("daily_series", 460L));
    }

    void send(GoldRefreshed event) {
        sqs.send(EventQueue.GOLD_REFRESHED.queueName(), json.write(event));
    }

    /** Every ForecastsPublished for this forecast run received so far (each taken off the queue once). */
    List<ForecastsPublished> publishedFor(String forecastRunId) {
        for (String body : sqs.takeAll(EventQueue.FORECASTS_PUBLISHED.queueName())) {
            PUBLISHED.add(json.read(body, ForecastsPublished.class));
        }
        List<ForecastsPublished> matching = new ArrayList<>();
        for (ForecastsPublished event : PUBLISHED) {
            if (event.forecastRunId().equals(forecastRunId)) {
                matching.add(event);
            }
        }
        return matching;
    }
}
