package org.nyc311.anomaly.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.store.AlertReview;
import org.nyc311.anomaly.store.AnomalyRepository;
import org.nyc311.api.anomaly.AcknowledgementRequest;
import org.nyc311.api.anomaly.AcknowledgementView;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.anomaly.AnomalyApi;
import org.nyc311.api.anomaly.LabelPrecisionView;
import org.nyc311.api.anomaly.LabelRequest;
import org.nyc311.api.anomaly.LabelView;
import org.nyc311.api.anomaly.RulePrecisionView;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.service.web.ApiProblemsAutoConfiguration;
import org.nyc311.testsupport.samples.BrooklynNoise;
import org.nyc311.testsupport.spring.HttpInterfaceClients;
import org.nyc311.testsupport.spring.ServletWebSlice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Acknowledging and labelling alerts through an {@link AnomalyApi} proxy, as the dashboard does, against the
 * controller (repository replaced) on a real server: who and when arrive in the answer, the history and the
 * precision read as written, and every refusal is the API's problem detail: 400 (verdict, blank actor, note too
 * long, a bad window), 404 (unknown alert) and 409 (acknowledged already, the same label again).
 */
@SpringBootTest(
        classes = AlertReviewApiContractTest.WebSlice.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertReviewApiContractTest {

    private static final Instant NOW = Instant.parse("2026-06-05T14:00:00Z");

    @Configuration(proxyBeanMethods = false)
    @ServletWebSlice
    @ImportAutoConfiguration(ApiProblemsAutoConfiguration.class)
    @Import(AnomalyController.class)
    static class WebSlice {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    private static final UUID ID = UUID.randomUUID();
    private static final Alert ALERT = BrooklynNoise.openAlert(ID);

    @MockitoBean
    private AnomalyRepository repository;

    @LocalServerPort
    private int port;

    private AnomalyApi api;
    private RestClient http;

    @BeforeEach
    void client(@Autowired RestClient.Builder builder) {
        http = builder.baseUrl("http://127.0.0.1:" + port).build();
        api = HttpInterfaceClients.of(http, AnomalyApi.class);
        when(repository.findAlert(ID)).thenReturn(Optional.of(ALERT));
        when(repository.findAlert(any(UUID.class)))
                .thenAnswer(i -> ID.equals(i.getArgument(0)) ? Optional.of(ALERT) : Optional.empty());
    }

    @Test
    void anAcknowledgementNamesWhoAndWhenAndASecondOneIsA409() {
        when(repository.acknowledge(ID, "maria", NOW)).thenReturn(true);
        when(repository.reviews(List.of(ID)))
                .thenReturn(Map.of(ID, new AlertReview(new AlertReview.Acknowledgement("maria", NOW), null)));

        AlertView view = api.acknowledge(ID, new AcknowledgementRequest("  maria "));

        assertThat(view.acknowledgement()).isEqualTo(new AcknowledgementView("maria", NOW));
        assertThat(view.label()).isNull();
        assertThat(view.alertId()).isEqualTo(ID);

        when(repository.acknowledge(ID, "sam", NOW)).thenReturn(false);
        assertThat(problem(() -> api.acknowledge(ID, new AcknowledgementRequest("sam"))))
                .satisfies(p -> assertThat(p.getStatusCode()).isEqualTo(HttpStatus.CONFLICT))
                .satisfies(p -> assertThat(p.getResponseBodyAsString())
                        .contains("acknowledged by maria", "\"acknowledgedBy\":\"maria\""));
    }

    @Test
    void aLabelIsANewEntryOfTheHistoryAndTheAlertViewsCarryIt() {
        AlertReview.Label labelled =
                new AlertReview.Label(AlertReview.Verdict.FALSE, "a parade on Flatbush", "maria", NOW);
        when(repository.reviews(List.of(ID))).thenReturn(Map.of(), Map.of(ID, new AlertReview(null, labelled)));

        AlertView view = api.label(ID, new LabelRequest("false", " a parade on Flatbush ", "maria"));

        verify(repository).label(ID, labelled);
        assertThat(view.label()).isEqualTo(new LabelView("FALSE", "a parade on Flatbush", "maria", NOW));
        when(repository.labels(ID))
                .thenReturn(List.of(
                        new AlertReview.Label(AlertReview.Verdict.REAL, "", "sam", NOW.minusSeconds(60)), labelled));
        assertThat(api.labels(ID))
                .containsExactly(
                        new LabelView("REAL", "", "sam", NOW.minusSeconds(60)),
                        new LabelView("FALSE", "a parade on Flatbush", "maria", NOW));

        when(repository.alerts(Optional.empty(), AnomalyController.MAX_ROWS)).thenReturn(List.of(ALERT));
        when(repository.reviews(List.of(ID))).thenReturn(Map.of(ID, new AlertReview(null, labelled)));
        assertThat(api.alerts(Optional.empty()))
                .singleElement()
                .satisfies(a ->
                        assertThat(a.label()).isEqualTo(new LabelView("FALSE", "a parade on Flatbush", "maria", NOW)));

        assertThat(problem(() -> api.label(ID, new LabelRequest("FALSE", "a parade on Flatbush", "sam")))
                        .getStatusCode())
                .as("the same verdict and note again changes nothing")
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void badRequestsAreProblemDetailsAndChangeNothing() {
        assertThat(problem(() -> api.label(ID, new LabelRequest("maybe", "", "maria"))))
                .satisfies(this::isBadRequest)
                .satisfies(p -> assertThat(p.getResponseBodyAsString()).contains("verdict must be REAL or FALSE"));
        assertThat(problem(() -> api.label(ID, new LabelRequest("REAL", "", " "))))
                .satisfies(this::isBadRequest)
                .satisfies(p -> assertThat(p.getResponseBodyAsString()).contains("actor"));
        assertThat(problem(() -> api.label(ID, new LabelRequest("REAL", "x".repeat(2001), "maria"))))
                .satisfies(this::isBadRequest);
        assertThat(problem(() -> api.acknowledge(ID, new AcknowledgementRequest(null))))
                .satisfies(this::isBadRequest);
        assertThat(problem(() -> api.precision(Optional.of("0")))).satisfies(this::isBadRequest);
        assertThat(problem(() -> api.precision(Optional.of("ninety")))).satisfies(this::isBadRequest);
        HttpClientErrorException notAnId = problem(() ->
                http.get().uri("/api/v1/alerts/not-an-id/labels").retrieve().toBodilessEntity());
        assertThat(notAnId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        UUID unknown = UUID.randomUUID();
        for (Runnable call : List.<Runnable>of(
                () -> api.labels(unknown),
                () -> api.acknowledge(unknown, new AcknowledgementRequest("maria")),
                () -> api.label(unknown, new LabelRequest("REAL", "", "maria")))) {
            HttpClientErrorException e = problem(call::run);
            assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(e.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        verify(repository, never()).label(any(), any());
        verify(repository, never()).acknowledge(any(), anyString(), any());
    }

    @Test
    void precisionIsRealOverLabelledInTheLastNinetyDaysOfNewYork() {
        // 14:00 UTC is 10:00 in New York: today is 2026-06-05, the window starts 89 days before
        when(repository.precisionByRule(LocalDate.of(2026, 3, 8)))
                .thenReturn(new EnumMap<>(Map.of(
                        Alert.OpenedBy.BREACHES,
                        new AlertReview.Precision(4, 3, 2),
                        Alert.OpenedBy.EVIDENCE,
                        new AlertReview.Precision(3, 1, 1))));
        when(repository.precisionByRule(LocalDate.of(2026, 6, 5)))
                .thenReturn(Map.of(Alert.OpenedBy.BREACHES, new AlertReview.Precision(1, 0, 0)));

        assertThat(api.precision(Optional.empty()))
                .isEqualTo(new LabelPrecisionView(
                        LocalDate.of(2026, 3, 8),
                        LocalDate.of(2026, 6, 5),
                        7,
                        4,
                        3,
                        0.75,
                        List.of(
                                new RulePrecisionView("breaches", 4, 3, 2, 2 / 3.0),
                                new RulePrecisionView("evidence", 3, 1, 1, 1.0))));
        assertThat(api.precision(Optional.of("1")))
                .as("none labelled: no precision, not a zero")
                .isEqualTo(new LabelPrecisionView(
                        LocalDate.of(2026, 6, 5),
                        LocalDate.of(2026, 6, 5),
                        1,
                        0,
                        0,
                        null,
                        List.of(new RulePrecisionView("breaches", 1, 0, 0, null))));
        verify(repository).precisionByRule(eq(LocalDate.of(2026, 3, 8)));
    }

    private void isBadRequest(HttpClientErrorException e) {
        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(e.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static HttpClientErrorException problem(Runnable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(HttpClientErrorException.class);
        return (HttpClientErrorException) thrown;
    }
}
