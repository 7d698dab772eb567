package org.nyc311.forecastservice;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.forecastservice.support.GoldFixture;
import org.nyc311.model.event.EventQueue;
import org.nyc311.testsupport.mlflow.MlflowServer;
import org.nyc311.testsupport.mlflow.MlflowServerExtension;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.sqs.SqsServer;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.nyc311.testsupport.tokens.TestRestTemplateWithEveryScope;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseExtension;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on real servers: local-sql-warehouse over gold tables made by SQL, PostgreSQL,
 * ElasticMQ and an MLflow tracking server. Every subclass shares one Spring context (same
 * configuration), so the servers and the context start once per test JVM.
 */
@ExtendWith({
    LocalSqlWarehouseExtension.class,
    PostgresServerExtension.class,
    SqsServerExtension.class,
    MlflowServerExtension.class,
    TokenIssuerExtension.class
})
@AutoConfigureObservability(tracing = false)
@Import(TestRestTemplateWithEveryScope.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.aws.sqs.listener.poll-timeout=1s",
            "nyc311.forecast.horizon-days=14",
            "nyc311.forecast.trials=2",
            "nyc311.forecast.folds=3",
            "nyc311.forecast.threads=2",
            "nyc311.mlflow.retry-interval=2s"
        })
public abstract class ServiceTest {

    static final String DATABASE = "forecast_service_test";

    protected static LocalSqlWarehouseProcess warehouse;
    protected static PostgresServer postgres;
    protected static SqsServer sqs;
    protected static MlflowServer mlflow;
    private static boolean prepared;

    @BeforeAll
    static void servers(
            LocalSqlWarehouseProcess warehouseServer,
            PostgresServer postgresServer,
            SqsServer sqsServer,
            MlflowServer mlflowServer)
            throws Exception {
        warehouse = warehouseServer;
        postgres = postgresServer;
        sqs = sqsServer;
        mlflow = mlflowServer;
        if (!prepared) {
            GoldFixture.create(warehouse);
            postgres.createDatabase(DATABASE);
            sqs.purge(EventQueue.GOLD_REFRESHED.queueName(), EventQueue.FORECASTS_PUBLISHED.queueName());
            prepared = true;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl(DATABASE));
        registry.add("nyc311.gold.url", () -> warehouse.jdbcUrl());
        registry.add("nyc311.mlflow.tracking-uri", () -> mlflow.trackingUri().toString());
    }
}
