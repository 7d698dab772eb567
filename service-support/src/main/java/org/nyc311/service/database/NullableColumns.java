package org.nyc311.service.database;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A nullable column of a row the services' repositories read, as a Java value or null: JDBC's getters answer 0 for
 * a SQL NULL number and need {@link ResultSet#wasNull()}, and its date and time types need converting.
 */
public final class NullableColumns {

    private NullableColumns() {}

    /** A {@code timestamptz}: through {@link Timestamp} it keeps the instant whatever the JVM's or the session's zone. */
    public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** {@link #instant(ResultSet, String)} by position. */
    public static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    public static @Nullable LocalDate localDate(ResultSet rs, String column) throws SQLException {
        Date value = rs.getDate(column);
        return value == null ? null : value.toLocalDate();
    }

    public static @Nullable Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    public static @Nullable Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
