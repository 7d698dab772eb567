package org.nyc311.service.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The Flyway migration that creates the {@link EventOutbox}'s table ({@code event_outbox.sql} beside this
 * class), at the version a service gives it: a service declares it as a bean
 * ({@code EventOutboxMigration.atVersion("3")}) and Boot's Flyway runs it with the service's own SQL
 * migrations, so the statement is written once instead of copied into each service. (ingest-service's V6
 * and pipeline-controller's V2 are such copies, written before this class; applied migrations are never
 * edited, so they stay.) Its checksum is the statement's, so an edit of it fails validation as an edited
 * SQL migration would.
 */
public final class EventOutboxMigration implements JavaMigration {

    private static final String STATEMENT = read();

    private final MigrationVersion version;

    private EventOutboxMigration(MigrationVersion version) {
        this.version = version;
    }

    /** The migration at this version of the service's schema, e.g. {@code "3"}. */
    public static EventOutboxMigration atVersion(String version) {
        return new EventOutboxMigration(MigrationVersion.fromVersion(version));
    }

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
