package org.nyc311.service.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Moves databases that a service's own copy of the outbox script migrated onto {@link EventOutboxMigration}.
 * ingest-service (V6) and pipeline-controller (V2) once created the table with such a script; their databases
 * hold its row in Flyway's schema history (type SQL, the file's name and checksum), which the shared migration
 * (type JDBC, the statement's checksum) would not validate. Before Flyway validates, this rewrites that row to the
 * shared migration's, for each migration that {@linkplain EventOutboxMigration#replacingScript replaced a script},
 * and only when the row's checksum is the script's as released: a row with any other checksum is left alone, so
 * an edited script is still refused. On a new database there is no such row and this does nothing.
 * {@link EventPublishingAutoConfiguration} gives every service with Flyway one.
 */
public final class OutboxScriptAdoption implements Callback {

    private final Supplier<List<EventOutboxMigration>> migrations;

    /** @param migrations the service's outbox migrations, asked for when Flyway validates */
    public OutboxScriptAdoption(Supplier<List<EventOutboxMigration>> migrations) {
        this.migrations = migrations;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        String table = historyTable(context.getConfiguration());
        Connection connection = context.getConnection();
        try {
            if (!exists(connection, table)) {
                return;
            }
            for (EventOutboxMigration migration : migrations.get()) {
                if (migration.replacedScript().isPresent()) {
                    adopt(
                            connection,
                            table,
                            migration,
                            migration.replacedScript().get());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not move an outbox script's history onto the shared migration", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "outbox script adoption";
    }

    private static void adopt(
            Connection connection,
            String table,
            EventOutboxMigration migration,
            EventOutboxMigration.ReplacedScript script)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                + " SET type = 'JDBC', script = ?, checksum = ?"
                + " WHERE version = ? AND type = 'SQL' AND script = ? AND checksum = ?")) {
            update.setString(1, EventOutboxMigration.class.getName());
            update.setInt(2, migration.getChecksum());
            update.setString(3, migration.getVersion().getVersion());
            update.setString(4, script.name());
            update.setInt(5, script.checksum());
            update.executeUpdate();
        }
    }

    /**
     * Flyway's schema history, where Flyway keeps it: in its default schema, else the first of its schemas, else the
     * connection's current schema (then unqualified, found on the search path as Flyway found it).
     */
    private static String historyTable(Configuration configuration) {
        String schema = configuration.getDefaultSchema();
        if (schema == null && configuration.getSchemas().length > 0) {
            schema = configuration.getSchemas()[0];
        }
        String table = quoted(configuration.getTable());
        return schema == null ? table : quoted(schema) + "." + table;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, table);
            try (ResultSet result = query.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
