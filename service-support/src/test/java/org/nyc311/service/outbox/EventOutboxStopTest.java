package org.nyc311.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.AbstractDataSource;

class EventOutboxStopTest {

    /** A database that does not answer: a connection is asked for and never given, as a pool waits out its timeout. */
    private static final class SilentDatabase extends AbstractDataSource {
        final CountDownLatch asked = new CountDownLatch(1);

        @Override
        public Connection getConnection() throws SQLException {
            asked.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("no answer");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }

    @Test
    void aStopWhoseLastRoundGetsNoAnswerEndsWithinTheLimit() throws Exception {
        SilentDatabase database = new SilentDatabase();
        SqsTemplate sqs = mock(SqsTemplate.class);
        EventOutbox outbox = new EventOutbox(JdbcClient.create(database), sqs, Clock.systemUTC(), Duration.ofHours(1));
        outbox.start();

        long started = System.nanoTime();
        outbox.stop();
        Duration stopping = Duration.ofNanos(System.nanoTime() - started);

        assertThat(database.asked.await(0, TimeUnit.SECONDS))
                .as("the last round asked the database")
                .isTrue();
        assertThat(stopping)
                .isGreaterThanOrEqualTo(EventOutbox.LAST_ROUND_LIMIT)
                .isLessThan(EventOutbox.LAST_ROUND_LIMIT.plusSeconds(5));
        assertThat(outbox.isRunning()).isFalse();
        verifyNoInteractions(sqs);
    }
}
