package org.nyc311.anomaly.check;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.anomaly.config.ForecastServiceProperties;
import org.nyc311.anomaly.forecasts.ForecastServiceClient;
import org.nyc311.anomaly.gold.GoldActuals;
import org.nyc311.anomaly.gold.WarehouseActuals;
import org.nyc311.anomaly.store.AnomalyRepository;
import org.nyc311.api.forecast.RunForecastsView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.ForecastsPublished;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.service.gold.GoldProperties;
import org.nyc311.service.outbox.EventOutbox;
import org.nyc311.service.outbox.EventOutboxMigration;
import org.nyc311.service.outbox.EventPublisher;
import org.nyc311.testsupport.net.JsonStubServer;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * An {@link AnomalyCheck} wired as the service wires it, outside Spring: this service's migrations on a fresh
 * PostgreSQL database, gold as a PostgreSQL table with gold's columns, forecast-service at a stand-in's address.
 */
final class CheckWiring {

    private CheckWiring() {}

    /** Runs this service's migrations on {@code dataSource}. */
    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(EventOutboxMigration.atVersion("3"))
                .placeholders(Map.of("anomaly_alert_queue", "alerts"))
                .load()
                .migrate();
    }

    /**
     * Creates {@code goldDatabase} with gold's table of daily series, {@code gold.daily_series}, and an open
     * connection to it for the test's rows.
     */
    static Connection goldDatabase(PostgresServer postgres, String goldDatabase) throws SQLException {
        postgres.createDatabase(goldDatabase);
        Connection connection = postgres.connect(goldDatabase);
        try (Statement statement = connection.createStatement()) {
            // gold's SQL casts dates AS STRING (Spark's type); here that is a name for text
            statement.execute("CREATE DOMAIN string AS text");
            statement.execute("CREATE SCHEMA gold");
            statement.execute("CREATE TABLE gold.daily_series (series_id text, date date, count bigint)");
        }
        return connection;
    }

    /** Gold's daily series in {@code goldDatabase}'s table {@code gold.daily_series}, read as the service reads gold. */
    static GoldActuals gold(PostgresServer postgres, String goldDatabase) {
        return new WarehouseActuals(
                new GoldProperties(
                        "org.postgresql.Driver",
                        postgres.jdbcUrl(goldDatabase),
                        PostgresServer.SUPERUSER,
                        "",
                        "gold",
                        "daily_series",
                        "series_catalog",
                        2,
                        Duration.ofSeconds(10),
                        0,
                        null),
                new SimpleMeterRegistry());
    }

    /** The check on {@code dataSource} (migrated), reading {@code gold} and asking the forecast-service at {@code forecasts}. */
    static AnomalyCheck check(
            DataSource dataSource, GoldActuals gold, URI forecasts, AnomalyProperties properties, Clock clock) {
        EventPublisher publisher = new EventPublisher(
                new EventOutbox(JdbcClient.create(dataSource), null, clock, Duration.ofMinutes(1)),
                new EventJson(),
                properties.queues());
        return new AnomalyCheck(
                new ForecastServiceClient(
                        RestClient.builder(),
                        new ForecastServiceProperties(forecasts, Duration.ofSeconds(5), Duration.ofSeconds(60), null)),
                gold,
                new AnomalyRepository(new JdbcTemplate(dataSource)),
                publisher,
                properties,
                new AnomalyMetrics(new SimpleMeterRegistry()),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new EventJson(),
                clock);
    }

    /**
     * The check of the morning after day {@code s + k}, on forecast run k, by the forecast-service stand-in
     * {@code forecastService}: every one of {@code series} forecast at 1000 [500, 1600] on every day from
     * {@code s - daysBefore} to {@code s + 40}, the morning at 09:00 UTC.
     */
    static void checkTheMorningAfter(
            DataSource dataSource,
            GoldActuals gold,
            JsonStubServer forecastService,
            AnomalyProperties properties,
            LocalDate s,
            int k,
            int daysBefore,
            List<String> series) {
        List<ForecastPoint> points = new ArrayList<>();
        for (int d = -daysBefore; d <= 40; d++) {
            points.add(new ForecastPoint(s.plusDays(d), 1000, 500, 1600, 0.95));
        }
        UUID run = UUID.nameUUIDFromBytes(("run-" + k).getBytes(StandardCharsets.UTF_8));
        LocalDate forecastFrom = s.minusDays(daysBefore + 1L);
        forecastService.answer(
                "/api/v1/forecasts",
                new RunForecastsView(
                        run,
                        series.stream()
                                .map(id -> new StoredForecastView(
                                        id, run, "ets", null, 1L, forecastFrom, points.size(), points))
                                .toList()));
        Clock clock = Clock.fixed(
                s.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC).plusSeconds(86_400L * k), java.time.ZoneOffset.UTC);
        check(dataSource, gold, forecastService.baseUri(), properties, clock)
                .onForecastsPublished(ForecastsPublished.of(clock, run.toString(), 1L, s.plusDays(k), 30, 1, 0, null));
    }
}
