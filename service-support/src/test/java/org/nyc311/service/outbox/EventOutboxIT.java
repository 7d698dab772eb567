package org.nyc311.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.testsupport.aws.LocalAwsAccount;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.sqs.SqsServer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Against a real PostgreSQL and an SQS that goes away and comes back on the same endpoint. */
class EventOutboxIT {

    private static final String QUEUE = "nyc311-raw-batch-landed";

    @Test
    void anEventStagedWhileSqsIsAwayIsSentWhenItIsBackAndOnlyOnce() throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "outbox-test-");
        try (PostgresServer postgres = PostgresServer.start(data, 0);
                HikariDataSource dataSource = dataSource(postgres)) {
            createTable(postgres);
            SqsServer sqs = SqsServer.start(0, 3);
            try (SqsAsyncClient client = SqsAsyncClient.builder()
                    .endpointOverride(sqs.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(LocalAwsAccount.ACCESS_KEY, LocalAwsAccount.SECRET_KEY)))
                    .build()) {
                JdbcClient jdbc = JdbcClient.create(dataSource);
                EventOutbox outbox = new EventOutbox(
                        jdbc,
                        SqsTemplate.builder().sqsAsyncClient(client).build(),
                        Clock.systemUTC(),
                        Duration.ofHours(1));
                UUID eventId = UUID.randomUUID();
                sqs.close();

                outbox.stage(QUEUE, eventId, "{\"eventId\":\"" + eventId + "\"}");
                assertThat(outbox.unsent()).isEqualTo(1);

                try (SqsServer back = sqs.startAgain();
                        SqsClient reader = back.client()) {
                    assertThat(outbox.relay()).isEqualTo(1);
                    outbox.stage(QUEUE, eventId, "{\"eventId\":\"" + eventId + "\"}");
                    assertThat(outbox.relay()).isZero();

                    List<Message> received = reader.receiveMessage(r -> r.queueUrl(back.queueUrl(QUEUE))
                                    .maxNumberOfMessages(10)
                                    .waitTimeSeconds(2))
                            .messages();
                    assertThat(received).extracting(Message::body).containsExactly("{\"eventId\":\"" + eventId + "\"}");
                    assertThat(outbox.unsent()).isZero();
                }
            }
        }
    }

    @Test
    void anEventStagedInATransactionThatRollsBackIsNeverSent() throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "outbox-test-");
        try (PostgresServer postgres = PostgresServer.start(data, 0);
                HikariDataSource dataSource = dataSource(postgres);
                SqsServer sqs = SqsServer.start(0, 3);
                SqsAsyncClient client = SqsAsyncClient.builder()
                        .endpointOverride(sqs.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(LocalAwsAccount.ACCESS_KEY, LocalAwsAccount.SECRET_KEY)))
                        .build()) {
            createTable(postgres);
            EventOutbox outbox = new EventOutbox(
                    JdbcClient.create(dataSource),
                    SqsTemplate.builder().sqsAsyncClient(client).build(),
                    Clock.systemUTC(),
                    Duration.ofHours(1));
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

            transaction.executeWithoutResult(status -> {
                outbox.stage(QUEUE, UUID.randomUUID(), "{}");
                status.setRollbackOnly();
            });

            assertThat(outbox.unsent()).isZero();
            assertThat(outbox.relay()).isZero();
        }
    }

    private static void createTable(PostgresServer postgres) throws Exception {
        String ddl;
        try (var in = EventOutbox.class.getResourceAsStream("event_outbox.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = postgres.connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
    }

    private static HikariDataSource dataSource(PostgresServer postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl("postgres"));
        dataSource.setUsername(PostgresServer.SUPERUSER);
        return dataSource;
    }
}
