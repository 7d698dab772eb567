package org.nyc311.service.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.nyc311.service.health.DependencyFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.core.PriorityOrdered;

/**
 * A service whose PostgreSQL is away at start-up starts anyway and waits for it, instead of exiting
 * (which an orchestrator answers with a restart, and the restart with the same exit: a crash loop).
 *
 * <p>Flyway runs through this strategy. When the database answers, the migrations run at once, as
 * without it. When it does not, the migrations are left for later and the application context
 * starts: the web server answers, liveness is UP, and {@code /actuator/health} shows {@code db} DOWN
 * with the reason. Then, as the first of the application runners (a {@link PriorityOrdered} runner
 * comes before any merely ordered one), it tries again with a backoff of at most
 * {@code maxInterval}, logging on each try what is down, where, and for how long so far, until the
 * migrations are applied. Readiness only turns UP once every runner is done, so the service takes no
 * traffic and no runner of its own (start-up recovery, a one-shot run) sees the database before it
 * is there and migrated.
 *
 * <p>Only an unreachable database is waited for. A migration that fails on a reachable one (a bad
 * script, a checksum that changed) still stops the start: waiting would not mend it.
 */
public class DatabaseStartupGate implements FlywayMigrationStrategy, ApplicationRunner, PriorityOrdered {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStartupGate.class);

    private final String where;
    private final Duration maxInterval;
    private final Clock clock;
    private volatile @Nullable Flyway deferred;
    private volatile @Nullable Instant downSince;

    /**
     * @param where the database as people know it (its JDBC URL), for the log
     * @param maxInterval the longest wait between two tries
     */
    public DatabaseStartupGate(String where, Duration maxInterval, Clock clock) {
        this.where = where;
        this.maxInterval = maxInterval;
        this.clock = clock;
    }

    @Override
    public void migrate(Flyway flyway) {
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            if (!unreachable(e)) {
                throw e;
            }
            deferred = flyway;
            downSince = clock.instant();
            LOG.warn(
                    "PostgreSQL at {} is unreachable ({}): starting without it, readiness DOWN; the migrations run "
                            + "and start-up goes on once it answers",
                    where,
                    reason(e));
        }
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        awaitDatabase();
    }

    /** Returns once the deferred migrations are applied (at once when none were deferred). */
    public void awaitDatabase() throws InterruptedException {
        Flyway flyway = deferred;
        Duration interval = Duration.ofSeconds(1);
        while (flyway != null) {
            Thread.sleep(interval.toMillis());
            try {
                flyway.migrate();
                deferred = null;
                LOG.info(
                        "PostgreSQL at {} answered after {} s down; migrations applied, start-up goes on",
                        where,
                        secondsDown());
                return;
            } catch (RuntimeException e) {
                if (!unreachable(e)) {
                    throw e;
                }
                interval = interval.multipliedBy(2).compareTo(maxInterval) > 0 ? maxInterval : interval.multipliedBy(2);
                LOG.warn(
                        "waiting for PostgreSQL at {}: down for {} s so far ({}); next try in {} s",
                        where,
                        secondsDown(),
                        reason(e),
                        interval.toSeconds());
            }
        }
    }

    /** Whether start-up is still waiting for the database. */
    public boolean waiting() {
        return deferred != null;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    private long secondsDown() {
        Instant since = downSince;
        // set together with deferred, so only a caller that found nothing deferred sees null
        return since == null ? 0 : Duration.between(since, clock.instant()).toSeconds();
    }

    /** Whether the failure says the database could not be reached (rather than that it refused something). */
    public static boolean unreachable(Throwable failure) {
        return DependencyFailures.unreachable(failure);
    }

    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
