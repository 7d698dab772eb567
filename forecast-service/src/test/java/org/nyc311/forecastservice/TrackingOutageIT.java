package org.nyc311.forecastservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.forecastservice.run.ForecastRun;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.support.GoldFixture;
import org.nyc311.forecastservice.support.SwitchableForwarder;
import org.nyc311.forecastservice.training.TrainingQueue;
import org.nyc311.model.event.ForecastsPublished;
import org.nyc311.testsupport.mlflow.MlflowRest;
import org.nyc311.testsupport.mlflow.MlflowServer;
import org.nyc311.testsupport.mlflow.MlflowServerExtension;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.sqs.SqsServer;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseExtension;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** MLflow away during a training: the forecasts are stored and announced anyway, and tracking catches up when it is back. */
@ExtendWith({
    LocalSqlWarehouseExtension.class,
    PostgresServerExtension.class,
    SqsServerExtension.class,
    MlflowServerExtension.class,
    TokenIssuerExtension.class
})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.cloud.aws.sqs.listener.poll-timeout=1s",
            "nyc311.forecast.horizon-days=7",
            "nyc311.forecast.trials=0",
            "nyc311.forecast.folds=2",
            "nyc311.mlflow.retry-interval=1s",
            "nyc311.mlflow.experiment-name=nyc311-outage-test",
            "nyc311.mlflow.registered-model-name=nyc311-outage-test"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TrackingOutageIT {

    private static LocalSqlWarehouseProcess warehouse;
    private static PostgresServer postgres;
    private static SqsServer sqs;
    private static MlflowServer mlflow;
    private static SwitchableForwarder mlflowLink;

    @Autowired
    ForecastRunRepository runs;

    @Autowired
    TrainingQueue worker;

    @BeforeAll
    static void servers(LocalSqlWarehouseProcess w, PostgresServer p, SqsServer s, MlflowServer m) throws Exception {
        warehouse = w;
        postgres = p;
        sqs = s;
        mlflow = m;
        GoldFixture.create(warehouse);
        postgres.createDatabase("forecast_service_outage");
        mlflowLink = new SwitchableForwarder(mlflow.trackingUri());
    }

    @AfterAll
    static void closeLink() throws Exception {
        mlflowLink.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl("forecast_service_outage"));
        registry.add("nyc311.gold.url", () -> warehouse.jdbcUrl());
        registry.add("nyc311.mlflow.tracking-uri", () -> mlflowLink.uri().toString());
    }

    @Test
    void forecastsAreStoredAndPublishedWhileMlflowIsDownAndTrackedWhenItIsBack() throws Exception {
        mlflowLink.up(false);
        UUID runId = runs.createManual(7, true);
        worker.submit(runId);

        ForecastRun pending = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> runs.find(runId).orElseThrow(), r -> r.trackingAttempts() >= 1 && r.publishedAt() != null);
        assertThat(pending.status()).isEqualTo(ForecastRun.Status.SUCCEEDED);
        assertThat(pending.trackingStatus()).isEqualTo(ForecastRun.TrackingStatus.PENDING);
        assertThat(pending.mlflowRunId()).isNull();
        assertThat(runs.pointCount(runId)).isEqualTo(GoldFixture.FORECASTABLE.size() * 7);
        // staged in the outbox and sent at once when SQS answers; on a loaded machine the outbox's sweep sends it
        TestQueues queues = new TestQueues(sqs);
        List<ForecastsPublished> published = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> queues.publishedFor(runId.toString()), events -> !events.isEmpty());
        assertThat(published).hasSize(1);
        assertThat(published.get(0).mlflowRunId()).as("tracking still pending").isNull();

        mlflowLink.up(true);
        ForecastRun tracked = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> runs.find(runId).orElseThrow(),
                        r -> r.trackingStatus() == ForecastRun.TrackingStatus.TRACKED);
        assertThat(tracked.trackingAttempts()).isGreaterThanOrEqualTo(2);
        JsonNode parent = new MlflowRest(mlflow.trackingUri())
                .get("runs/get", "run_id", tracked.mlflowRunId())
                .path("run");
        assertThat(MlflowRest.map(parent, "params")).containsEntry("series_count", "4");
        assertThat(runs.latest("all/all", 7).orElseThrow().mlflowRunId()).isNotBlank();
    }
}
