package org.nyc311.dashboard.anomalies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.api.anomaly.AcknowledgementView;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.anomaly.LabelPrecisionView;
import org.nyc311.api.anomaly.LabelView;
import org.nyc311.api.anomaly.RulePrecisionView;
import org.nyc311.dashboard.services.ServiceCalls;
import org.nyc311.dashboard.services.ServiceClientsSlice;
import org.nyc311.dashboard.services.TestServices;
import org.nyc311.dashboard.services.anomaly.AnomalyFeed;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * An analyst labels and acknowledges an alert on the Anomalies view, against a loopback stand-in of anomaly-service
 * that keeps what it is sent: the service clients and their cache as the app wires them, the view built as Vaadin
 * builds it. The logged-in user is the actor; the label shows in the grid and the precision card at once (a write
 * empties the kept answers); anomaly-service's refusal (409) is shown in its own words.
 */
@SpringJUnitConfig({ServiceClientsSlice.class, AnomaliesReviewTest.StandIn.class})
class AnomaliesReviewTest {

    static final AnomalyServiceStandIn SERVICE = new AnomalyServiceStandIn();

    @Configuration(proxyBeanMethods = false)
    static class StandIn {

        @Bean
        org.nyc311.dashboard.config.ServicesProperties services() {
            return TestServices.at(SERVICE.baseUri());
        }
    }

    @Autowired
    AnomalyFeed feed;

    @Autowired
    ServiceCalls calls;

    @Autowired
    CacheManager caches;

    @Autowired
    java.time.Clock clock;

    private UI ui;

    @BeforeEach
    void loggedInAsMaria() {
        ServiceClientsSlice.emptyCaches(caches);
        SERVICE.reset();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        User.withUsername("maria")
                                .password("unused")
                                .roles("USER")
                                .build(),
                        null,
                        List.of()));
        // the view's CSV link registers its download with the current UI (held weakly there: kept here)
        ui = new UI();
        UI.setCurrent(ui);
    }

    @AfterEach
    void logOut() {
        SecurityContextHolder.clearContext();
        UI.setCurrent(null);
    }

    @AfterAll
    static void stop() {
        SERVICE.close();
    }

    @Test
    void aLabelByTheLoggedInUserShowsAtOnceInTheGridAndThePrecision() {
        AnomaliesView view = new AnomaliesView(feed, calls, clock, new AuthenticationContext());
        assertThat(find(view, "alert-precision").getElement().getTextRecursively())
                .contains("no alert of the 1 opened");
        @SuppressWarnings("unchecked")
        Grid<AlertView> alerts = (Grid<AlertView>) find(view, "alerts");
        assertThat(((Button) find(view, "alert-real")).isEnabled())
                .as("nothing chosen yet")
                .isFalse();

        alerts.select(alerts.getGenericDataView().getItems().findFirst().orElseThrow());
        ((TextField) find(view, "alert-note")).setValue("the heat wave, as 2024's");
        ((Button) find(view, "alert-real")).click();

        assertThat(SERVICE.writes)
                .containsExactly("PUT /api/v1/alerts/" + AnomalyServiceStandIn.ALERT_ID
                        + "/label {\"verdict\":\"REAL\",\"note\":\"the heat wave, as 2024's\",\"actor\":\"maria\"}");
        assertThat(alerts.getGenericDataView()
                        .getItems()
                        .findFirst()
                        .orElseThrow()
                        .label())
                .isEqualTo(new LabelView("REAL", "the heat wave, as 2024's", "maria", AnomalyServiceStandIn.AT));
        assertThat(find(view, "alert-precision").getElement().getTextRecursively())
                .as("asked again, not the kept answer")
                .contains("100.0%", "1 of 1 labelled alerts real");
        assertThat(find(view, "alert-precision-by-rule").getElement().getText())
                .isEqualTo(
                        "By the rule that opened them: evidence of a rise adding up, 1 of 1 labelled real (1 opened)");
        assertThat(find(view, "alert-review-status").getElement().getText())
                .isEqualTo("noise-residential/brooklyn labelled real");
    }

    @Test
    void theRuleThatOpenedAnAlertIsShownInWordsAndOneThisDashboardDoesNotKnowAsSent() {
        AnomaliesView view = new AnomaliesView(feed, calls, clock, new AuthenticationContext());
        @SuppressWarnings("unchecked")
        Grid<AlertView> alerts = (Grid<AlertView>) find(view, "alerts");

        assertThat(alerts.getColumns().stream().map(Grid.Column::getHeaderText)).contains("Opened by");
        assertThat(AnomaliesView.openedBy("evidence")).isEqualTo("evidence of a rise adding up");
        assertThat(AnomaliesView.openedBy("breaches")).isEqualTo("days above the interval");
        assertThat(AnomaliesView.openedBy("margin_evidence")).isEqualTo("days above the interval on average");
        assertThat(AnomaliesView.openedBy("unrecorded")).isEqualTo("not recorded");
        assertThat(AnomaliesView.openedBy("a_rule_from_a_later_version")).isEqualTo("a_rule_from_a_later_version");
    }

    @Test
    void whenAndWhyAnAlertClosedIsShownInWords() {
        LocalDate closedOn = LocalDate.of(2026, 6, 10);
        AnomaliesView view = new AnomaliesView(feed, calls, clock, new AuthenticationContext());
        @SuppressWarnings("unchecked")
        Grid<AlertView> alerts = (Grid<AlertView>) find(view, "alerts");

        assertThat(alerts.getColumns().stream().map(Grid.Column::getHeaderText)).contains("Closed");
        assertThat(AnomaliesView.closed(null, null)).isEmpty();
        assertThat(AnomaliesView.closed(closedOn, "back_inside")).isEqualTo(closedOn + ", back inside");
        assertThat(AnomaliesView.closed(closedOn, "superseded"))
                .isEqualTo(closedOn + ", superseded: no longer derived under the current detection settings");
        assertThat(AnomaliesView.closed(closedOn, null))
                .as("from a service before the reason")
                .isEqualTo(closedOn + ", back inside");
        assertThat(AnomaliesView.closed(closedOn, "a_reason_from_a_later_version"))
                .isEqualTo(closedOn + ", a_reason_from_a_later_version");
    }

    @Test
    void aSecondAcknowledgementShowsAnomalyServicesRefusal() {
        AnomaliesView view = new AnomaliesView(feed, calls, clock, new AuthenticationContext());
        @SuppressWarnings("unchecked")
        Grid<AlertView> alerts = (Grid<AlertView>) find(view, "alerts");

        alerts.select(alerts.getGenericDataView().getItems().findFirst().orElseThrow());
        ((Button) find(view, "alert-acknowledge")).click();
        assertThat(alerts.getGenericDataView()
                        .getItems()
                        .findFirst()
                        .orElseThrow()
                        .acknowledgement())
                .isEqualTo(new AcknowledgementView("maria", AnomalyServiceStandIn.AT));

        alerts.select(alerts.getGenericDataView().getItems().findFirst().orElseThrow());
        ((Button) find(view, "alert-acknowledge")).click();

        assertThat(SERVICE.writes).hasSize(2).allMatch(w -> w.endsWith("/acknowledgement {\"actor\":\"maria\"}"));
        assertThat(find(view, "alert-review-status").getElement().getText()).contains("was acknowledged by maria");
    }

    private static Component find(Component root, String id) {
        return descendants(root)
                .filter(c -> c.getId().filter(id::equals).isPresent())
                .findFirst()
                .orElseThrow();
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(AnomaliesReviewTest::descendants));
    }

    /**
     * anomaly-service as far as the view needs it: one alert, its acknowledgement and latest label kept in memory,
     * the precision from them, a 409 problem detail for a second acknowledgement. Records every write.
     */
    static final class AnomalyServiceStandIn implements AutoCloseable {

        static final UUID ALERT_ID = UUID.fromString("3f0e4a8c-8d7e-4c55-9d55-0b1f9f2b2f11");
        static final Instant AT = Instant.parse("2026-06-04T15:00:00Z");
        private static final LocalDate DAY = LocalDate.of(2026, 6, 3);

        private final ObjectMapper json =
                new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        private final HttpServer server;
        final List<String> writes = new CopyOnWriteArrayList<>();
        private volatile AcknowledgementView acknowledgement;
        private volatile LabelView label;

        AnomalyServiceStandIn() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            server.createContext("/", this::answer);
            server.start();
        }

        void reset() {
            writes.clear();
            acknowledgement = null;
            label = null;
        }

        URI baseUri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private AlertView alert() {
            return new AlertView(
                    ALERT_ID,
                    "noise-residential/brooklyn",
                    "open",
                    DAY.minusDays(2),
                    DAY,
                    DAY,
                    null,
                    3,
                    5.5,
                    "evidence",
                    null,
                    acknowledgement,
                    label);
        }

        private void answer(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!method.equals("GET")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                writes.add(method + " " + path + " " + body);
                Map<?, ?> request = json.readValue(body, Map.class);
                if (path.endsWith("/acknowledgement")) {
                    if (acknowledgement != null) {
                        send(
                                exchange,
                                409,
                                Map.of(
                                        "type",
                                        "about:blank",
                                        "title",
                                        "Alert already acknowledged",
                                        "status",
                                        409,
                                        "detail",
                                        "alert " + ALERT_ID + " was acknowledged by " + acknowledgement.actor() + " at "
                                                + AT),
                                "application/problem+json");
                        return;
                    }
                    acknowledgement = new AcknowledgementView(String.valueOf(request.get("actor")), AT);
                } else {
                    label = new LabelView(
                            String.valueOf(request.get("verdict")),
                            String.valueOf(request.get("note")),
                            String.valueOf(request.get("actor")),
                            AT);
                }
                send(exchange, 200, alert(), "application/json");
                return;
            }
            Object answer = switch (path) {
                case "/api/v1/anomalies" -> List.of();
                case "/api/v1/alerts" -> List.of(alert());
                case "/api/v1/alerts/precision" ->
                    new LabelPrecisionView(
                            DAY.minusDays(89),
                            DAY,
                            1,
                            label == null ? 0 : 1,
                            label != null && label.verdict().equals("REAL") ? 1 : 0,
                            label == null ? null : label.verdict().equals("REAL") ? 1.0 : 0.0,
                            List.of(new RulePrecisionView(
                                    "evidence",
                                    1,
                                    label == null ? 0 : 1,
                                    label != null && label.verdict().equals("REAL") ? 1 : 0,
                                    label == null ? null : label.verdict().equals("REAL") ? 1.0 : 0.0)));
                default -> null;
            };
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            send(exchange, 200, answer, "application/json");
        }

        private void send(HttpExchange exchange, int status, Object body, String type) throws IOException {
            byte[] bytes = json.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
