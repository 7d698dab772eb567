package org.nyc311.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database migrated with a service's own copy of the outbox script, as ingest-service's V6 and
 * pipeline-controller's V2 were, then migrated again by the service once the script is gone and
 * {@link EventOutboxMigration} stands at its version: against a real PostgreSQL and Flyway.
 */
class OutboxScriptAdoptionIT {

    private static final String SCRIPT = "V2__event_outbox.sql";
    private static final String COMMENT = "-- an older copy of the outbox's table,\n-- as a service once held it";

    private static PostgresServer postgres;

    @TempDir
    static Path folders;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start(
                Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "outbox-adoption-"), 0);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void aDatabaseMigratedWithTheOldScriptTakesTheSharedMigrationAndTheNextOnes() throws Exception {
        Path released = scripts("released", Map.of(SCRIPT, oldCopy(), "V1__runs.sql", "CREATE TABLE runs (id int);"));
        Path now = scripts(
                "now",
                Map.of("V1__runs.sql", "CREATE TABLE runs (id int);", "V3__later.sql", "CREATE TABLE later (id int);"));
        try (HikariDataSource database = database("adopted")) {
            flyway(database, released).load().migrate();

            EventOutboxMigration shared = EventOutboxMigration.atVersion("2").replacingScript(SCRIPT, COMMENT);
            assertThat(shared.replacedScript().orElseThrow().checksum())
                    .as("the checksum worked out from the comment is the one Flyway recorded")
                    .isEqualTo(history(database).get("2").checksum());
            flyway(database, now)
                    .javaMigrations(shared)
                    .callbacks(new OutboxScriptAdoption(() -> List.of(shared)))
                    .load()
                    .migrate();

            Map<String, Row> history = history(database);
            assertThat(history.get("2"))
                    .isEqualTo(new Row("JDBC", EventOutboxMigration.class.getName(), shared.getChecksum()));
            assertThat(history).containsKey("3");
            assertThat(JdbcClient.create(database)
                            .sql("SELECT count(*) FROM event_outbox")
                            .query(Integer.class)
                            .single())
                    .isZero();
            // a later start validates as any other
            flyway(database, now).javaMigrations(shared).load().validate();
        }
    }

    @Test
    void theHistoryIsFoundInFlywaysOwnSchemaWhenTheServiceGivesOne() throws Exception {
        Path released = scripts("released-schema", Map.of(SCRIPT, oldCopy()));
        Path now = scripts("now-schema", Map.of());
        try (HikariDataSource database = database("own_schema")) {
            flyway(database, released).schemas("outbox_svc").load().migrate();

            EventOutboxMigration shared = EventOutboxMigration.atVersion("2").replacingScript(SCRIPT, COMMENT);
            flyway(database, now)
                    .schemas("outbox_svc")
                    .javaMigrations(shared)
                    .callbacks(new OutboxScriptAdoption(() -> List.of(shared)))
                    .load()
                    .migrate();

            assertThat(history(database, "outbox_svc.flyway_schema_history").get("2"))
                    .isEqualTo(new Row("JDBC", EventOutboxMigration.class.getName(), shared.getChecksum()));
        }
    }

    /** Flyway then takes the shared migration for a new one at an applied version, and its table exists: the start fails. */
    @Test
    void anOldScriptThatWasEditedIsStillRefused() throws Exception {
        Path edited = scripts("edited", Map.of(SCRIPT, oldCopy() + "\nCREATE INDEX edited ON event_outbox (queue);"));
        Path now = scripts("now-refused", Map.of());
        try (HikariDataSource database = database("edited")) {
            flyway(database, edited).load().migrate();

            EventOutboxMigration shared = EventOutboxMigration.atVersion("2").replacingScript(SCRIPT, COMMENT);
            assertThatThrownBy(() -> flyway(database, now)
                            .javaMigrations(shared)
                            .callbacks(new OutboxScriptAdoption(() -> List.of(shared)))
                            .load()
                            .migrate())
                    .isInstanceOf(FlywayException.class);
            assertThat(history(database).get("2").type()).isEqualTo("SQL");
        }
    }

    @Test
    void aNewDatabaseRunsTheSharedMigrationAndThereIsNothingToAdopt() throws Exception {
        Path now = scripts("now-new", Map.of("V1__runs.sql", "CREATE TABLE runs (id int);"));
        try (HikariDataSource database = database("fresh")) {
            EventOutboxMigration shared = EventOutboxMigration.atVersion("2").replacingScript(SCRIPT, COMMENT);
            flyway(database, now)
                    .javaMigrations(shared)
                    .callbacks(new OutboxScriptAdoption(() -> List.of(shared)))
                    .load()
                    .migrate();

            assertThat(history(database).get("2"))
                    .isEqualTo(new Row("JDBC", EventOutboxMigration.class.getName(), shared.getChecksum()));
        }
    }

    /** A service's old copy: a comment of its own above the shared statement, as the released scripts were. */
    private static String oldCopy() {
        return COMMENT + "\n"
                + EventOutboxMigration.statement()
                        .lines()
                        .dropWhile(line -> line.startsWith("--"))
                        .collect(Collectors.joining("\n"))
                + "\n";
    }

    private static Path scripts(String name, Map<String, String> files) throws Exception {
        Path folder = Files.createDirectories(folders.resolve(name));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue());
        }
        return folder;
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(
            HikariDataSource database, Path scripts) {
        return Flyway.configure().dataSource(database).locations("filesystem:" + scripts);
    }

    private static HikariDataSource database(String name) {
        postgres.createDatabase(name);
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl(name));
        dataSource.setUsername(PostgresServer.SUPERUSER);
        return dataSource;
    }

    private static Map<String, Row> history(HikariDataSource database) {
        return history(database, "flyway_schema_history");
    }

    private static Map<String, Row> history(HikariDataSource database, String table) {
        return JdbcClient.create(database)
                .sql("SELECT version, type, script, checksum FROM " + table + " WHERE version IS NOT NULL")
                .query((rs, n) -> Map.entry(
                        rs.getString("version"),
                        new Row(rs.getString("type"), rs.getString("script"), rs.getInt("checksum"))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private record Row(String type, String script, int checksum) {}
}
