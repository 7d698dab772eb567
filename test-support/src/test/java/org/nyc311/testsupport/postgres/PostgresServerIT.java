package org.nyc311.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresServerExtension.class)
class PostgresServerIT {

    @Test
    void rowWrittenOverJdbcIsReadBack(PostgresServer postgres) throws Exception {
        postgres.createDatabase("roundtrip");
        try (Connection connection = postgres.connect("roundtrip")) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE pipeline_run (id text PRIMARY KEY, state text NOT NULL, latest_date date)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pipeline_run VALUES (?, ?, ?)")) {
                insert.setString(1, "run-1");
                insert.setString(2, "SUCCEEDED");
                insert.setObject(3, LocalDate.parse("2026-11-22"));
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (Statement query = connection.createStatement();
                    ResultSet row = query.executeQuery(
                            "SELECT state, latest_date, version() FROM pipeline_run WHERE id = 'run-1'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("SUCCEEDED");
                assertThat(row.getObject(2, LocalDate.class)).isEqualTo(LocalDate.parse("2026-11-22"));
                assertThat(row.getString(3)).startsWith("PostgreSQL 16");
            }
        }
        assertThat(postgres.jdbcUrl("roundtrip")).startsWith("jdbc:postgresql://127.0.0.1:");
    }

    @Test
    void dataSurvivesARestartOverTheSameFolder(@TempDir Path data) throws Exception {
        try (PostgresServer first = PostgresServer.start(data, 0);
                Connection connection = first.connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE watermark (source text PRIMARY KEY, value text)");
            statement.execute("INSERT INTO watermark VALUES ('soda', '2026-11-22T03:00:00')");
        }
        try (PostgresServer second = PostgresServer.start(data, 0);
                Connection connection = second.connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT value FROM watermark WHERE source = 'soda'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("2026-11-22T03:00:00");
        }
    }

    @Test
    void aServerStartedAgainAnswersOnTheSameUrlWithTheSameRows(@TempDir Path data) throws Exception {
        PostgresServer first = PostgresServer.start(data, 0);
        try (Connection connection = first.connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE event_outbox (event_id text PRIMARY KEY)");
            statement.execute("INSERT INTO event_outbox VALUES ('e1')");
        }
        first.close();
        assertThatThrownBy(() -> first.connect("postgres").close()).isInstanceOf(java.sql.SQLException.class);

        try (PostgresServer again = first.startAgain();
                Connection connection = again.connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT event_id FROM event_outbox")) {
            assertThat(again.jdbcUrl("postgres")).isEqualTo(first.jdbcUrl("postgres"));
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("e1");
        }
    }
}
