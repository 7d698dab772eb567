package org.nyc311.anomaly.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.event.AnomalyAlert;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.series.SeriesKey;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The SNS channel through the real AWS SDK against a loopback server answering as SNS does (there is no SNS
 * emulator here): one Publish to the topic, with the subject, the notice's text and the event's JSON, and the
 * event id as a message attribute; an SNS error is the channel's failure, for the notifier to retry.
 */
class SnsChannelTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:nyc311-anomaly-alerts";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer sns;

    @BeforeEach
    void start() throws IOException {
        sns = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sns.createContext("/", exchange -> {
            requests.add(URLDecoder.decode(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8));
            byte[] body = (status.get() == 200
                            ? "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>m-1</MessageId>"
                                    + "</PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>"
                            : "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code><Message>down</Message></Error>"
                                    + "<RequestId>r-2</RequestId></ErrorResponse>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sns.start();
    }

    @AfterEach
    void stop() {
        sns.stop(0);
    }

    @Test
    void aNoticeIsOnePublishToTheTopicAndAnSnsErrorIsAFailure() {
        Alert alert = new Alert(
                UUID.randomUUID(),
                SeriesKey.parse("all/queens"),
                Alert.Status.OPEN,
                LocalDate.of(2026, 6, 1),
                LocalDate.of(2026, 6, 3),
                LocalDate.of(2026, 6, 3),
                null,
                3,
                4.25,
                Alert.OpenedBy.BREACHES,
                null);
        AnomalyAlert event = AnomalyAlert.of(
                Clock.fixed(Instant.parse("2026-06-04T11:00:00Z"), ZoneOffset.UTC),
                AnomalyAlert.Transition.OPENED,
                alert);
        String eventJson = new EventJson().write(event);
        AlertNotice notice = AlertNotice.of(event, eventJson, URI.create("https://dashboard.example"));

        try (SnsChannel channel = new SnsChannel(client(), TOPIC)) {
            channel.send(notice);

            assertThat(requests)
                    .singleElement()
                    .satisfies(request -> assertThat(request)
                            .contains(
                                    "Action=Publish",
                                    "TopicArn=" + TOPIC,
                                    "Subject=NYC 311 alert opened: all/queens",
                                    "Alert OPENED: all/queens, 3 anomalous days from 2026-06-01 to 2026-06-03",
                                    "https://dashboard.example/explorer?complaintType=all&borough=queens",
                                    eventJson,
                                    "MessageAttributes.entry.1.Name=eventId",
                                    event.eventId().toString()));

            status.set(500);
            assertThatThrownBy(() -> channel.send(notice)).isInstanceOf(SdkException.class);
        }
    }

    /** The SDK's own retries off: retrying is the notifier's. */
    private SnsClient client() {
        return SnsClient.builder()
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + sns.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }
}
