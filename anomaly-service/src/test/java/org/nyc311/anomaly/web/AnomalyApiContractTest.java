package org.nyc311.anomaly.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.anomaly.store.AnomalyQuery;
import org.nyc311.anomaly.store.AnomalyRepository;
import org.nyc311.api.anomaly.AnomalyApi;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.api.anomaly.CheckView;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.anomaly.Anomaly;
import org.nyc311.service.web.ApiProblemsAutoConfiguration;
import org.nyc311.testsupport.samples.BrooklynNoise;
import org.nyc311.testsupport.spring.HttpInterfaceClientExtension;
import org.nyc311.testsupport.spring.ServletWebSlice;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The contract on a real socket: anomaly-service's controller, with its repository replaced, behind a
 * real server on a random port, called through an HTTP interface client of {@link AnomalyApi} as the
 * dashboard calls it. What the controller writes is what the client reads, and the filters the client
 * sends are the ones the controller parses.
 */
@ExtendWith(HttpInterfaceClientExtension.class)
@SpringBootTest(
        classes = AnomalyApiContractTest.WebSlice.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnomalyApiContractTest {

    /** Only the web layer: the controller, with service-support's problem handler, on a real server. */
    // a plain @Configuration: a @SpringBootConfiguration here would be the one the package's @WebMvcTest slices find
    @Configuration(proxyBeanMethods = false)
    @ServletWebSlice
    @ImportAutoConfiguration(ApiProblemsAutoConfiguration.class)
    @Import(AnomalyController.class)
    static class WebSlice {}

    @MockitoBean
    private AnomalyRepository repository;

    @Test
    void anomaliesReadAsWrittenAndTheFiltersArriveParsed(AnomalyApi api) {
        Anomaly spike = BrooklynNoise.spike();
        AnomalyQuery expected = new AnomalyQuery(
                Optional.of(LocalDate.of(2026, 5, 1)),
                Optional.of(LocalDate.of(2026, 6, 1)),
                Optional.of("noise-residential"),
                Optional.of("brooklyn"),
                Optional.of(3.5),
                Optional.of(Anomaly.Direction.SPIKE),
                AnomalyController.MAX_ROWS);
        when(repository.anomalies(expected)).thenReturn(List.of(spike));

        List<AnomalyView> read = api.anomalies(
                Optional.of("2026-05-01"),
                Optional.of("2026-06-01"),
                Optional.of("Noise - Residential"),
                Optional.of("brooklyn"),
                Optional.of("3.5"),
                Optional.of("spike"));

        assertThat(read).containsExactly(BrooklynNoise.SPIKE_ROW);
        when(repository.anomalies(any(AnomalyQuery.class))).thenReturn(List.of());
        assertThat(api.anomalies(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))
                .isEmpty();
    }

    @Test
    void alertsReadAsWrittenAndABadStatusIsTheApisOwn400(AnomalyApi api) {
        UUID id = UUID.randomUUID();
        Alert alert = BrooklynNoise.openAlert(id);
        when(repository.alerts(Optional.of(Alert.Status.OPEN), AnomalyController.MAX_ROWS))
                .thenReturn(List.of(alert));

        assertThat(api.alerts(Optional.of("open"))).containsExactly(BrooklynNoise.openAlertRow(id));
        assertThatThrownBy(() -> api.alerts(Optional.of("ajar")))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @Test
    void checksReadAsWritten(AnomalyApi api) {
        UUID event = UUID.randomUUID();
        when(repository.recentChecks(anyInt()))
                .thenReturn(List.of(new AnomalyRepository.RecordedCheck(
                        event,
                        "run-7",
                        Instant.parse("2026-06-01T07:00:00Z"),
                        LocalDate.of(2026, 5, 31),
                        310,
                        4,
                        2,
                        1,
                        null)));

        assertThat(api.checks(Optional.of("5")))
                .containsExactly(new CheckView(
                        event,
                        "run-7",
                        Instant.parse("2026-06-01T07:00:00Z"),
                        LocalDate.of(2026, 5, 31),
                        310,
                        4,
                        2,
                        1,
                        null));
    }
}
