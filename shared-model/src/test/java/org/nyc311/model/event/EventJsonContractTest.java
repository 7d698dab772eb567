package org.nyc311.model.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.ingest.IngestionWindow;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.SeriesKey;

/**
 * Pins the JSON form of every event. If one of these fails, a contract between services changed:
 * update the file under src/test/resources/contracts on purpose, and raise the event's schema
 * version unless the change only adds an optional field.
 */
class EventJsonContractTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    private final EventJson json = new EventJson();
    private final ObjectMapper plain = new ObjectMapper();

    static Stream<PipelineEvent> examples() {
        Alert closed = new Alert(
                UUID.fromString("5f0c2b8e-4d8a-4b7e-9a55-3d1f2c9e7a10"),
                SeriesKey.of("noise-residential", Borough.BROOKLYN),
                Alert.Status.CLOSED,
                LocalDate.parse("2026-11-18"),
                LocalDate.parse("2026-11-20"),
                LocalDate.parse("2026-11-21"),
                LocalDate.parse("2026-11-22"),
                4,
                6.25,
                Alert.OpenedBy.EVIDENCE,
                Alert.ClosedBecause.BACK_INSIDE);
        return Stream.of(
                RawBatchLanded.of(
                        CLOCK,
                        "ing-20261123-0300",
                        "nyc311-lake",
                        "raw/nyc311/ingestion_date=2026-11-23/run=ing-20261123-0300/",
                        "raw/nyc311/ingestion_date=2026-11-23/run=ing-20261123-0300/_manifest.json",
                        new IngestionWindow(
                                IngestionWindow.Kind.INCREMENTAL,
                                LocalDateTime.parse("2026-11-21T03:00:00"),
                                LocalDateTime.parse("2026-11-23T03:00:00")),
                        LocalDate.parse("2026-11-23"),
                        152_340,
                        4),
                GoldRefreshed.of(
                        CLOCK,
                        "pipe-42",
                        List.of("ing-20261123-0300"),
                        Map.of("gold.daily_requests", 17L, "gold.series_catalog", 9L, "gold.daily_features", 17L),
                        LocalDate.parse("2026-11-22"),
                        Map.of(
                                "gold.daily_requests",
                                5_210L,
                                "gold.series_catalog",
                                1_380L,
                                "gold.daily_features",
                                41_400L)),
                ForecastsPublished.of(
                        CLOCK,
                        "fc-2026-11-23-1",
                        17,
                        LocalDate.parse("2026-11-22"),
                        30,
                        1_377,
                        3,
                        "9b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"),
                AnomalyAlert.of(CLOCK, AnomalyAlert.Transition.CLOSED, closed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void eventJsonMatchesThePinnedContract(PipelineEvent event) throws IOException {
        JsonNode written = plain.readTree(json.write(event));

        assertThat(written).isEqualTo(pinned(event.getClass().getSimpleName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void eventRoundTripsThroughJson(PipelineEvent event) {
        assertThat(json.read(json.write(event))).isEqualTo(event);
    }

    @Test
    void anAlertFromBeforeItsRuleWasRecordedReadsAsUnrecorded() throws IOException {
        // an AnomalyAlert queued by the version before openedBy, read by this one
        ObjectNode older = (ObjectNode) pinned("AnomalyAlert").deepCopy();
        ((ObjectNode) older.get("alert")).remove("openedBy");

        AnomalyAlert read = (AnomalyAlert) json.read(older.toString());

        assertThat(read.alert().openedBy()).isEqualTo(Alert.OpenedBy.UNRECORDED);
        assertThat(read.alert().peakZScore()).isEqualTo(6.25);
    }

    @Test
    void aClosedAlertFromBeforeItsReasonWasRecordedReadsAsBackInside() throws IOException {
        // an AnomalyAlert CLOSED queued by the version before closedBecause, read by this one
        ObjectNode older = (ObjectNode) pinned("AnomalyAlert").deepCopy();
        ((ObjectNode) older.get("alert")).remove("closedBecause");

        AnomalyAlert read = (AnomalyAlert) json.read(older.toString());

        assertThat(read.alert().closedBecause()).isEqualTo(Alert.ClosedBecause.BACK_INSIDE);
    }

    @Test
    void aSupersededAlertReadsBackAsSuperseded() throws IOException {
        ObjectNode superseded = (ObjectNode) pinned("AnomalyAlert").deepCopy();
        ((ObjectNode) superseded.get("alert")).put("closedBecause", "SUPERSEDED");

        AnomalyAlert read = (AnomalyAlert) json.read(superseded.toString());

        assertThat(read.alert().closedBecause()).isEqualTo(Alert.ClosedBecause.SUPERSEDED);
        assertThat(plain.readTree(json.write(read))).isEqualTo(superseded);
    }

    @Test
    void anOpenAlertCarriesNoReasonForClosing() {
        Alert open = new Alert(
                UUID.fromString("5f0c2b8e-4d8a-4b7e-9a55-3d1f2c9e7a10"),
                SeriesKey.of("noise-residential", Borough.BROOKLYN),
                Alert.Status.OPEN,
                LocalDate.parse("2026-11-18"),
                LocalDate.parse("2026-11-20"),
                LocalDate.parse("2026-11-21"),
                null,
                4,
                6.25,
                Alert.OpenedBy.EVIDENCE,
                null);

        assertThat(open.closedBecause()).isNull();
        assertThatThrownBy(() -> new Alert(
                        open.id(),
                        open.series(),
                        Alert.Status.OPEN,
                        open.episodeStart(),
                        open.openedOn(),
                        open.lastAnomalousDate(),
                        null,
                        open.anomalousDays(),
                        open.peakZScore(),
                        open.openedBy(),
                        Alert.ClosedBecause.SUPERSEDED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(open.closed(LocalDate.parse("2026-11-24"), Alert.ClosedBecause.SUPERSEDED))
                .satisfies(closed -> {
                    assertThat(closed.status()).isEqualTo(Alert.Status.CLOSED);
                    assertThat(closed.closedOn()).isEqualTo(LocalDate.parse("2026-11-24"));
                    assertThat(closed.closedBecause()).isEqualTo(Alert.ClosedBecause.SUPERSEDED);
                    assertThat(closed.episodeStart()).isEqualTo(open.episodeStart());
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void pinnedContractReadsBackAsTheSameEvent(PipelineEvent event) throws IOException {
        assertThat(json.read(pinned(event.getClass().getSimpleName()).toString()))
                .isEqualTo(event);
    }

    @Test
    void everyEventTypeHasAPinnedExample() {
        List<String> pinned = examples().map(e -> e.getClass().getSimpleName()).toList();
        List<String> carried = Stream.of(EventQueue.values())
                .map(q -> q.eventType().getSimpleName())
                .toList();

        assertThat(pinned).containsExactlyInAnyOrderElementsOf(carried);
    }

    @Test
    void redeliveredEventsOfTheSameRunShareTheirIdempotencyKey() {
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofMinutes(5));
        ForecastsPublished first =
                ForecastsPublished.of(CLOCK, "fc-1", 3, LocalDate.parse("2026-11-22"), 30, 10, 0, null);
        ForecastsPublished again =
                ForecastsPublished.of(later, "fc-1", 3, LocalDate.parse("2026-11-22"), 30, 10, 0, null);

        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(ForecastsPublished.of(CLOCK, "fc-2", 3, LocalDate.parse("2026-11-22"), 30, 10, 0, null)
                        .eventId())
                .isNotEqualTo(first.eventId());
    }

    @Test
    void newerSchemaVersionIsRefusedRatherThanGuessed() throws IOException {
        String future = pinned("GoldRefreshed").toString().replace("\"schemaVersion\":1", "\"schemaVersion\":2");

        assertThatThrownBy(() -> json.read(future))
                .isInstanceOf(EventJson.InvalidEventException.class)
                .hasMessageContaining("schema version 2")
                .hasMessageContaining("understands up to 1");
    }

    @Test
    void unknownOptionalFieldIsIgnoredSoProducersCanAddFields() throws IOException {
        String extended = pinned("RawBatchLanded").toString().replace("{", "{\"addedLater\":\"x\",");

        assertThat(json.read(extended, RawBatchLanded.class).recordCount()).isEqualTo(152_340);
    }

    @Test
    void malformedEventNamesTheProblem() {
        assertThatThrownBy(() -> json.read("{\"type\":\"GoldRefreshed\",\"schemaVersion\":1}"))
                .isInstanceOf(EventJson.InvalidEventException.class)
                .hasMessageContaining("not a pipeline event");
        assertThatThrownBy(() -> json.read("{\"type\":\"Nonsense\"}"))
                .isInstanceOf(EventJson.InvalidEventException.class);
    }

    @Test
    void readingTheWrongTypeIsRefused() throws IOException {
        String gold = pinned("GoldRefreshed").toString();

        assertThatThrownBy(() -> json.read(gold, RawBatchLanded.class))
                .isInstanceOf(EventJson.InvalidEventException.class)
                .hasMessageContaining("expected RawBatchLanded but got GoldRefreshed");
    }

    private JsonNode pinned(String eventType) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/contracts/" + eventType + ".json")) {
            assertThat(in).as("pinned contract for " + eventType).isNotNull();
            return plain.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
