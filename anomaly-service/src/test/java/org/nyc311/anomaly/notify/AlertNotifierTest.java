package org.nyc311.anomaly.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.anomaly.store.AnomalyRepository;
import org.nyc311.anomaly.store.OutboxMigrations;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.event.AnomalyAlert;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.testsupport.postgres.PostgresSliceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/**
 * The notification hop against a real webhook server on 127.0.0.1 and the service's real PostgreSQL schema: a
 * transition in the ledger {@code alert_event} is posted as Slack's {@code {"text": ...}} with the series, the
 * transition, the days and the dashboard link; failed tries are retried with backoff within a round and across
 * rounds, counted, and never delivered twice once accepted; a transition older than max-age is given up.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({AnomalyRepository.class, OutboxMigrations.class, AlertDeliveries.class})
@EnableConfigurationProperties(AnomalyProperties.class)
class AlertNotifierTest extends PostgresSliceTest {

    private static final SeriesKey BROOKLYN_NOISE = SeriesKey.of("noise-residential", Borough.BROOKLYN);
    private static final Instant T0 = Instant.parse("2026-06-04T11:00:00Z");
    private static final String DERIVED_UNDER = "bd20ddb9799eb4a5";

    @Autowired
    AnomalyRepository store;

    @Autowired
    AlertDeliveries deliveries;

    @Autowired
    JdbcTemplate jdbc;

    private final EventJson eventJson = new EventJson();
    private final ObjectMapper json = new ObjectMapper();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** The notifier's clock: a test moves it by building the notifier again at a later instant. */
    private Instant now = T0;

    private URI target;
    /** The statuses the webhook answers, in turn; 200 when none is left. */
    private final Deque<Integer> statuses = new ArrayDeque<>();

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private HttpServer webhook;

    @BeforeEach
    void startWebhook() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hooks/alerts", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stopWebhook() {
        webhook.stop(0);
    }

    @Test
    void aTransitionIsPostedOnceWithItsSeriesDaysAndLinkAfterRetries() throws IOException {
        AnomalyAlert opened = transition(AnomalyAlert.Transition.OPENED, T0.minusSeconds(60));
        statuses.addAll(List.of(503, 500));
        AlertNotifier notifier = notifier(webhookAt("/hooks/alerts"));

        assertThat(notifier.deliverDue()).isEqualTo(1);

        assertThat(bodies)
                .as("two failed tries, then delivered, in one round")
                .hasSize(3)
                .allMatch(b -> b.equals(bodies.get(0)));
        JsonNode body = json.readTree(bodies.get(0));
        assertThat(body.get("text").asText())
                .isEqualTo("Alert OPENED: noise-residential/brooklyn, 3 anomalous days from 2026-06-01 "
                        + "to 2026-06-03 (opened 2026-06-03), peak z 5.50, opened by days above the interval: "
                        + "https://dashboard.example/explorer?complaintType=noise-residential&borough=brooklyn");
        assertThat(registry.counter("nyc311.anomaly.notification.attempts.failed", "channel", "webhook")
                        .count())
                .isEqualTo(2);
        assertThat(registry.counter("nyc311.anomaly.notifications", "channel", "webhook", "outcome", "delivered")
                        .count())
                .isEqualTo(1);

        notifier = later(Duration.ofHours(1));
        assertThat(notifier.deliverDue()).as("delivered once, never again").isZero();
        assertThat(bodies).hasSize(3);
        assertThat(jdbc.queryForObject(
                        "SELECT attempts FROM alert_delivery WHERE event_id = ?", Integer.class, opened.eventId()))
                .isEqualTo(1);
    }

    @Test
    void aWebhookOutageWaitsWithDoublingBackoffAndAnOldTransitionIsGivenUp() {
        AnomalyAlert opened = transition(AnomalyAlert.Transition.OPENED, T0.minusSeconds(60));
        for (int i = 0; i < 6; i++) {
            statuses.add(503);
        }
        AlertNotifier notifier = notifier(webhookAt("/hooks/alerts"));

        assertThat(notifier.deliverDue()).isZero();
        assertThat(bodies).as("every try of the round").hasSize(3);
        assertThat(nextAttempt(opened)).isEqualTo(T0.plusSeconds(30));
        assertThat(notifier.deliverDue()).as("not due yet: nothing sent").isZero();
        assertThat(bodies).hasSize(3);

        notifier = later(Duration.ofSeconds(30));
        assertThat(notifier.deliverDue()).isZero();
        assertThat(bodies).hasSize(6);
        assertThat(nextAttempt(opened)).as("the wait doubles").isEqualTo(T0.plusSeconds(30 + 60));
        assertThat(registry.counter("nyc311.anomaly.notifications", "channel", "webhook", "outcome", "retrying")
                        .count())
                .isEqualTo(2);

        notifier = later(Duration.ofSeconds(60));
        assertThat(notifier.deliverDue()).as("the webhook is back").isEqualTo(1);
        assertThat(bodies).hasSize(7);

        AnomalyAlert stale = transition(AnomalyAlert.Transition.CLOSED, now.minus(Duration.ofHours(25)));
        assertThat(notifier.deliverDue()).isZero();
        assertThat(bodies).as("older than max-age: never enqueued").hasSize(7);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM alert_delivery WHERE event_id = ?", Integer.class, stale.eventId()))
                .isZero();
    }

    @Test
    void aDeliveryThatFailsUntilTheTransitionIsTooOldIsGivenUpAndCounted() {
        AnomalyAlert opened = transition(AnomalyAlert.Transition.OPENED, T0.minusSeconds(60));
        AlertNotifier notifier = notifier(webhookAt("/nowhere")); // every request a 404
        assertThat(notifier.deliverDue()).isZero();

        notifier = later(Duration.ofHours(24));
        assertThat(notifier.deliverDue()).isZero();

        assertThat(jdbc.queryForObject(
                        "SELECT given_up_at FROM alert_delivery WHERE event_id = ?", Timestamp.class, opened.eventId()))
                .isNotNull();
        assertThat(registry.counter("nyc311.anomaly.notifications", "channel", "webhook", "outcome", "given_up")
                        .count())
                .isEqualTo(1);
        notifier = later(Duration.ofHours(1));
        int tries = bodies.size();
        notifier.deliverDue();
        assertThat(bodies).hasSize(tries);
    }

    @Test
    void withoutAChannelNothingIsDeliveredOrRecorded() {
        transition(AnomalyAlert.Transition.OPENED, T0.minusSeconds(60));
        AlertNotifier notifier = new AlertNotifier(
                List.of(),
                deliveries,
                eventJson,
                NotifyProperties.defaults(),
                registry,
                Clock.fixed(now, ZoneOffset.UTC));

        assertThat(notifier.channels()).isEmpty();
        assertThat(notifier.deliverDue()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_delivery", Integer.class))
                .isZero();
    }

    @Test
    void backoffDoublesFromTheFirstRetryUpToTheLongest() {
        AlertNotifier notifier = new AlertNotifier(
                List.of(),
                deliveries,
                eventJson,
                NotifyProperties.defaults(),
                registry,
                Clock.fixed(now, ZoneOffset.UTC));

        assertThat(List.of(1, 2, 3, 6, 7, 40).stream().map(notifier::backoff))
                .containsExactly(
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(16),
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(30));
    }

    /** The notifier as it is {@code by} later: the same webhook, its clock moved on. */
    private AlertNotifier later(Duration by) {
        now = now.plus(by);
        return notifier(target);
    }

    private AlertNotifier notifier(URI webhookUrl) {
        target = webhookUrl;
        NotifyProperties settings = new NotifyProperties(
                webhookUrl,
                null,
                null,
                null,
                URI.create("https://dashboard.example/"),
                null,
                3,
                Duration.ofMillis(10),
                Duration.ofSeconds(30),
                Duration.ofMinutes(30),
                Duration.ofHours(24),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2));
        return new AlertNotifier(
                List.of(new WebhookChannel(RestClient.builder(), webhookUrl, settings)),
                deliveries,
                eventJson,
                settings,
                registry,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private URI webhookAt(String path) {
        return URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + path);
    }

    /** An alert and one transition of it in the ledger, as a check records them. */
    private AnomalyAlert transition(AnomalyAlert.Transition transition, Instant at) {
        LocalDate start = LocalDate.of(2026, 6, 1);
        boolean closed = transition == AnomalyAlert.Transition.CLOSED;
        Alert alert = new Alert(
                UUID.randomUUID(),
                BROOKLYN_NOISE,
                closed ? Alert.Status.CLOSED : Alert.Status.OPEN,
                start,
                start.plusDays(2),
                start.plusDays(2),
                closed ? start.plusDays(3) : null,
                3,
                5.5,
                Alert.OpenedBy.BREACHES,
                null);
        store.saveAlert(alert, DERIVED_UNDER, at);
        AnomalyAlert event = AnomalyAlert.of(Clock.fixed(at, ZoneOffset.UTC), transition, alert);
        store.recordAlertEvent(event, eventJson.write(event), at);
        return event;
    }

    private Instant nextAttempt(AnomalyAlert event) {
        return jdbc.queryForObject(
                        "SELECT next_attempt_at FROM alert_delivery WHERE event_id = ?",
                        Timestamp.class,
                        event.eventId())
                .toInstant();
    }
}
