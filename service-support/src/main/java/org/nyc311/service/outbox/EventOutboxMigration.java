package org.nyc311.service.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jspecify.annotations.Nullable;

/**
 * The Flyway migration that creates the {@link EventOutbox}'s table ({@code event_outbox.sql} beside this
 * class), at the version a service gives it: a service declares it as a bean
 * ({@code EventOutboxMigration.atVersion("3")}) and Boot's Flyway runs it with the service's own SQL
 * migrations, so the statement is written once instead of copied into each service. (ingest-service's V6
 * and pipeline-controller's V2 were such copies, written before this class; {@link OutboxScriptAdoption}
 * moves the databases they migrated onto it.) Its checksum is the file's, comment included, so an edit of
 * it fails validation as an edited SQL migration would: the file's comment stays as written.
 */
public final class EventOutboxMigration implements JavaMigration {

    private static final String STATEMENT = read();

    private final MigrationVersion version;
    private final @Nullable ReplacedScript replaced;

    private EventOutboxMigration(MigrationVersion version, @Nullable ReplacedScript replaced) {
        this.version = version;
        this.replaced = replaced;
    }

    /** The migration at this version of the service's schema, e.g. {@code "3"}. */
    public static EventOutboxMigration atVersion(String version) {
        return new EventOutboxMigration(MigrationVersion.fromVersion(version), null);
    }

    /**
     * The same migration, standing where the service once had a SQL script of its own that created the table:
     * {@link OutboxScriptAdoption} moves the databases that script migrated onto this migration.
     *
     * @param script the script's file name, e.g. {@code V6__event_outbox.sql}
     * @param scriptComment the comment lines the script had above the statement it shared with
     *     {@code event_outbox.sql}: with them the script, and so the checksum Flyway recorded for it, is known
     *     without keeping a copy
     */
    public EventOutboxMigration replacingScript(String script, String scriptComment) {
        String body = STATEMENT.lines().dropWhile(line -> line.startsWith("--")).collect(Collectors.joining("\n"));
        return new EventOutboxMigration(
                version, new ReplacedScript(script, flywayChecksum(scriptComment + "\n" + body)));
    }

    /** The script this migration replaced, if it did. */
    public Optional<ReplacedScript> replacedScript() {
        return Optional.ofNullable(replaced);
    }

    /**
     * A SQL script a service had before this migration, as Flyway recorded it.
     *
     * @param checksum Flyway's checksum of the script: a CRC-32 of its lines' UTF-8 bytes, without line breaks
     */
    public record ReplacedScript(String name, int checksum) {}

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return "event outbox";
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(STATEMENT.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private static int flywayChecksum(String script) {
        CRC32 crc = new CRC32();
        script.lines().forEach(line -> crc.update(line.getBytes(StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(STATEMENT);
        }
    }

    /** The statement, for a test or a reader. */
    public static String statement() {
        return STATEMENT;
    }

    private static String read() {
        try (InputStream in = EventOutboxMigration.class.getResourceAsStream("event_outbox.sql")) {
            if (in == null) {
                throw new IllegalStateException(
                        "event_outbox.sql is missing beside " + EventOutboxMigration.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
