package org.nyc311.service.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;

/** Against a real PostgreSQL that is away when the service starts, and comes back on the same port. */
class DatabaseStartupGateIT {

    @Test
    void aServiceStartsWithoutItsDatabaseAndMigratesOnceItIsBack() throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "gate-test-");
        PostgresServer postgres = PostgresServer.start(data, 0);
        postgres.close();
        try (HikariDataSource dataSource = dataSource(postgres)) {
            DatabaseStartupGate gate =
                    new DatabaseStartupGate(postgres.jdbcUrl("postgres"), Duration.ofSeconds(1), Clock.systemUTC());
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/gate-test")
                    .load();

            gate.migrate(flyway);
            assertThat(gate.waiting()).isTrue();
            CompletableFuture<Void> startUp = CompletableFuture.runAsync(() -> {
                try {
                    gate.awaitDatabase();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(2_500);
            assertThat(startUp).isNotDone();

            try (PostgresServer back = postgres.startAgain()) {
                startUp.get(30, TimeUnit.SECONDS);
                assertThat(gate.waiting()).isFalse();
                try (Connection connection = back.connect("postgres");
                        ResultSet table = connection.getMetaData().getTables(null, "public", "gate_marker", null)) {
                    assertThat(table.next())
                            .as("the migration ran once the database was back")
                            .isTrue();
                }

                // a migration that fails on a reachable database stops the start, as without the gate
                Flyway broken = Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:db/gate-broken")
                        .schemas("broken")
                        .load();
                assertThatThrownBy(() -> gate.migrate(broken)).isInstanceOf(RuntimeException.class);
                assertThat(gate.waiting()).isFalse();
            }
        }
    }

    @Test
    void itRunsBeforeEveryOtherRunner() {
        DatabaseStartupGate gate =
                new DatabaseStartupGate("jdbc:postgresql://127.0.0.1:5432/x", Duration.ofSeconds(5), Clock.systemUTC());

        assertThat(gate).isInstanceOf(PriorityOrdered.class);
        assertThat(gate.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
    }

    @Test
    void onlyAnUnreachableDatabaseIsWaitedFor() {
        assertThat(DatabaseStartupGate.unreachable(new RuntimeException(new java.net.ConnectException("refused"))))
                .isTrue();
        assertThat(DatabaseStartupGate.unreachable(new java.sql.SQLException("refused", "08001")))
                .isTrue();
        assertThat(DatabaseStartupGate.unreachable(new java.sql.SQLException("starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseStartupGate.unreachable(new java.sql.SQLException("no such database", "3D000")))
                .isFalse();
        assertThat(DatabaseStartupGate.unreachable(new IllegalStateException("checksum mismatch")))
                .isFalse();
    }

    private static HikariDataSource dataSource(PostgresServer postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl("postgres"));
        dataSource.setUsername(PostgresServer.SUPERUSER);
        dataSource.setConnectionTimeout(2_000);
        return dataSource;
    }
}
