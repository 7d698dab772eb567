package org.nyc311.anomaly.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code alert_delivery}: per transition of the ledger {@code alert_event} and channel, whether it was delivered,
 * how often it was tried and when it is due again. The ledger is written in the check's transaction, so a
 * transition committed is a transition the notifier finds, even after a crash before anything was sent.
 */
@Repository
class AlertDeliveries {

    private final JdbcTemplate jdbc;

    AlertDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a delivery, due at once, for every transition recorded since {@code since} that this channel has none of.
     *
     * @return deliveries added
     */
    int enqueue(String channel, Instant since) {
        return jdbc.update(
                "INSERT INTO alert_delivery (event_id, channel, next_attempt_at) "
                        + "SELECT event_id, ?, created_at FROM alert_event WHERE created_at >= ? ON CONFLICT DO NOTHING",
                channel,
                Timestamp.from(since));
    }

    /**
     * Takes up to {@code limit} due deliveries of the channel, oldest first, and leases them until {@code leaseUntil}:
     * another instance, or this one after a crash mid-send, takes them again only then. Counts the attempt.
     */
    List<Due> claim(String channel, Instant now, Instant leaseUntil, int limit) {
        return jdbc.query(
                """
                WITH due AS (
                    SELECT event_id FROM alert_delivery
                    WHERE channel = ? AND delivered_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ?
                    ORDER BY next_attempt_at, event_id LIMIT ? FOR UPDATE SKIP LOCKED)
                UPDATE alert_delivery d SET attempts = d.attempts + 1, next_attempt_at = ?
                FROM due, alert_event e
                WHERE d.channel = ? AND d.event_id = due.event_id AND e.event_id = d.event_id
                RETURNING d.event_id, d.attempts, e.payload, e.created_at""",
                (rs, n) -> new Due(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()),
                channel,
                Timestamp.from(now),
                limit,
                Timestamp.from(leaseUntil),
                channel);
    }

    void delivered(UUID eventId, String channel, Instant at) {
        jdbc.update(
                "UPDATE alert_delivery SET delivered_at = ?, last_error = NULL WHERE event_id = ? AND channel = ?",
                Timestamp.from(at),
                eventId,
                channel);
    }

    void failed(UUID eventId, String channel, Instant nextAttempt, String error) {
        jdbc.update(
                "UPDATE alert_delivery SET next_attempt_at = ?, last_error = ? WHERE event_id = ? AND channel = ?",
                Timestamp.from(nextAttempt),
                error,
                eventId,
                channel);
    }

    void givenUp(UUID eventId, String channel, Instant at, String error) {
        jdbc.update(
                "UPDATE alert_delivery SET given_up_at = ?, last_error = ? WHERE event_id = ? AND channel = ?",
                Timestamp.from(at),
                error,
                eventId,
                channel);
    }

    /** A delivery taken: the event, its attempt (1 for the first) and when the transition was recorded. */
    record Due(UUID eventId, int attempt, String payload, Instant recordedAt) {}
}
