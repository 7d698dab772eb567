package org.nyc311.anomaly.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.anomaly.Anomaly;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.SeriesKey;

/**
 * The anomaly store on a real PostgreSQL with this service's Flyway migrations, each test in a transaction
 * rolled back: checks recorded once per event and read back newest first, an anomaly day recorded once and
 * found by every filter the API offers, alerts saved, grown, closed and listed, and the per-series check
 * state. (The forecast snapshot's methods are left to the tests of the check.)
 */
class AnomalyRepositoryTest extends AnomalyStoreSliceTest {

    private static final SeriesKey BROOKLYN_NOISE = SeriesKey.of("noise-residential", Borough.BROOKLYN);
    private static final SeriesKey QUEENS_RODENT = SeriesKey.of("rodent", Borough.QUEENS);
    private static final LocalDate DAY = LocalDate.of(2026, 5, 31);
    private static final Instant AT = Instant.parse("2026-06-01T07:00:00Z");

    @Test
    void checksAreRecordedPerEventAndReadNewestFirst() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        assertThat(store.processed(first)).isFalse();

        store.markProcessed(first, "run-1", DAY.minusDays(1), AT, new AnomalyRepository.CheckCounts(300, 300, 2, 1, 0));
        store.markProcessed(
                second, "run-2", DAY, AT.plusSeconds(3600), new AnomalyRepository.CheckCounts(310, 310, 0, 0, 1));

        assertThat(store.processed(first)).isTrue();
        assertThat(store.recentChecks(10))
                .containsExactly(
                        new AnomalyRepository.RecordedCheck(
                                second, "run-2", AT.plusSeconds(3600), DAY, 310, 310, 0, 0, 1),
                        new AnomalyRepository.RecordedCheck(first, "run-1", AT, DAY.minusDays(1), 300, 300, 2, 1, 0));
        assertThat(store.recentChecks(1))
                .extracting(AnomalyRepository.RecordedCheck::eventId)
                .containsExactly(second);
    }

    @Test
    void anAnomalyDayIsRecordedOnceAndFoundByEachFilter() {
        Anomaly spike = new Anomaly(BROOKLYN_NOISE, DAY, 240, 90.5, 70, 112, 6.25, Anomaly.Direction.SPIKE, "run-1");
        Anomaly drop =
                new Anomaly(QUEENS_RODENT, DAY.minusDays(2), 1, 14, 6, 22, -3.5, Anomaly.Direction.DROP, "run-1");

        assertThat(store.recordAnomaly(spike, AT)).isTrue();
        assertThat(store.recordAnomaly(
                        new Anomaly(BROOKLYN_NOISE, DAY, 999, 1, 0, 2, 9, Anomaly.Direction.SPIKE, "run-2"), AT))
                .as("the day keeps its first record")
                .isFalse();
        assertThat(store.recordAnomaly(drop, AT)).isTrue();

        assertThat(store.anomalies(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100)))
                .containsExactly(spike, drop);
        assertThat(store.anomalies(query(Optional.of(DAY), Optional.empty(), Optional.empty(), Optional.empty(), 100)))
                .containsExactly(spike);
        assertThat(store.anomalies(new AnomalyQuery(
                        Optional.empty(),
                        Optional.of(DAY.minusDays(1)),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        100)))
                .containsExactly(drop);
        assertThat(store.anomalies(
                        query(Optional.empty(), Optional.of("rodent"), Optional.empty(), Optional.empty(), 100)))
                .containsExactly(drop);
        assertThat(store.anomalies(
                        query(Optional.empty(), Optional.empty(), Optional.of("brooklyn"), Optional.empty(), 100)))
                .containsExactly(spike);
        assertThat(store.anomalies(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(4.0), 100)))
                .as("severity is the absolute z-score")
                .containsExactly(spike);
        assertThat(store.anomalies(new AnomalyQuery(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(Anomaly.Direction.DROP),
                        100)))
                .containsExactly(drop);
        assertThat(store.anomalies(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1)))
                .containsExactly(spike);
    }

    @Test
    void openAlertsComeBySeriesWithTheSettingsTheyWereDerivedUnderAndASupersededOneReadsAsSuch() {
        Alert brooklyn = openThreeDays(UUID.randomUUID(), BROOKLYN_NOISE, Alert.OpenedBy.EVIDENCE);
        Alert queens = openThreeDays(UUID.randomUUID(), QUEENS_RODENT, Alert.OpenedBy.BREACHES);
        Alert queensEarlier = openThreeDays(UUID.randomUUID(), QUEENS_RODENT, Alert.OpenedBy.BREACHES);
        store.saveAlert(brooklyn, DERIVED_UNDER, AT);
        store.saveAlert(queens, "0123456789abcdef", AT);
        store.saveAlert(queensEarlier, DERIVED_UNDER, AT);
        // stored by a version before the settings were recorded with each alert
        jdbc.update("UPDATE alert SET derived_under = NULL WHERE alert_id = ?", queensEarlier.id());

        Map<String, List<StoredAlert>> open = store.openAlertsBySeries();

        assertThat(open.get(BROOKLYN_NOISE.id())).containsExactly(new StoredAlert(brooklyn, DERIVED_UNDER));
        assertThat(open.get(QUEENS_RODENT.id()))
                .containsExactlyInAnyOrder(
                        new StoredAlert(queens, "0123456789abcdef"), new StoredAlert(queensEarlier, null));

        store.setDerivedUnder(queensEarlier.id(), DERIVED_UNDER, AT.plusSeconds(60));
        Alert superseded = queens.closed(DAY.plusDays(1), Alert.ClosedBecause.SUPERSEDED);
        store.saveAlert(superseded, "0123456789abcdef", AT.plusSeconds(60));

        assertThat(store.openAlertsBySeries().get(QUEENS_RODENT.id()))
                .containsExactly(new StoredAlert(queensEarlier, DERIVED_UNDER));
        assertThat(store.findAlert(queens.id())).contains(superseded);
        assertThat(store.alerts(Optional.of(Alert.Status.CLOSED), 10))
                .singleElement()
                .extracting(Alert::closedBecause)
                .isEqualTo(Alert.ClosedBecause.SUPERSEDED);
    }

    @Test
    void theDayAnAlertOpenedStaysTheAnnouncedOneUnlessOtherSettingsDeriveIt() {
        Alert announced = openThreeDays(UUID.randomUUID(), BROOKLYN_NOISE, Alert.OpenedBy.EVIDENCE);
        store.saveAlert(announced, DERIVED_UNDER, AT);
        Alert openedEarlier = new Alert(
                announced.id(),
                BROOKLYN_NOISE,
                Alert.Status.OPEN,
                announced.episodeStart(),
                announced.openedOn().minusDays(1),
                announced.lastAnomalousDate().plusDays(1),
                null,
                4,
                6.0,
                Alert.OpenedBy.EVIDENCE,
                null);

        // the same settings derive it again, a late record having moved the day it reached the threshold
        store.saveAlert(openedEarlier, DERIVED_UNDER, AT.plusSeconds(86_400));
        assertThat(store.findAlert(announced.id())).get().satisfies(a -> {
            assertThat(a.openedOn()).isEqualTo(announced.openedOn());
            assertThat(a.lastAnomalousDate()).isEqualTo(openedEarlier.lastAnomalousDate());
        });

        // other settings derive it
        store.saveAlert(openedEarlier, "0123456789abcdef", AT.plusSeconds(2 * 86_400));
        assertThat(store.findAlert(announced.id())).contains(openedEarlier);
    }

    @Test
    void anAlertClosedBeforeTheReasonWasStoredReadsAsBackInside() {
        Alert open = openThreeDays(UUID.randomUUID(), BROOKLYN_NOISE, Alert.OpenedBy.EVIDENCE);
        store.saveAlert(open.closed(DAY.plusDays(2), Alert.ClosedBecause.BACK_INSIDE), DERIVED_UNDER, AT);
        jdbc.update("UPDATE alert SET closed_because = NULL WHERE alert_id = ?", open.id());

        assertThat(store.findAlert(open.id()))
                .get()
                .extracting(Alert::closedBecause)
                .isEqualTo(Alert.ClosedBecause.BACK_INSIDE);
    }

    @Test
    void anAlertIsSavedGrownAndClosedAndListedByStatus() {
        Alert open = openThreeDays(UUID.randomUUID(), BROOKLYN_NOISE, Alert.OpenedBy.EVIDENCE);
        Alert older = new Alert(
                UUID.randomUUID(),
                QUEENS_RODENT,
                Alert.Status.CLOSED,
                DAY.minusDays(20),
                DAY.minusDays(18),
                DAY.minusDays(17),
                DAY.minusDays(15),
                4,
                3.25,
                Alert.OpenedBy.BREACHES,
                null);
        store.saveAlert(open, DERIVED_UNDER, AT);
        store.saveAlert(older, DERIVED_UNDER, AT);
        forecastFor(BROOKLYN_NOISE);
        forecastFor(QUEENS_RODENT);
        assertThat(state(BROOKLYN_NOISE).openRunStart()).contains(DAY.minusDays(2));
        assertThat(state(QUEENS_RODENT).openRunStart()).isEmpty();

        Alert grown = new Alert(
                open.id(),
                BROOKLYN_NOISE,
                Alert.Status.OPEN,
                DAY.minusDays(2),
                DAY,
                DAY.plusDays(1),
                null,
                4,
                7.0,
                Alert.OpenedBy.EVIDENCE,
                null);
        store.saveAlert(grown, DERIVED_UNDER, AT.plusSeconds(86_400));
        assertThat(store.findAlert(open.id())).contains(grown);
        assertThat(store.alerts(Optional.empty(), 10)).containsExactly(grown, older);
        assertThat(store.alerts(Optional.of(Alert.Status.CLOSED), 10)).containsExactly(older);

        Alert closed = new Alert(
                open.id(),
                BROOKLYN_NOISE,
                Alert.Status.CLOSED,
                DAY.minusDays(2),
                DAY,
                DAY.plusDays(1),
                DAY.plusDays(3),
                4,
                7.0,
                Alert.OpenedBy.EVIDENCE,
                null);
        store.saveAlert(closed, DERIVED_UNDER, AT.plusSeconds(3 * 86_400));
        assertThat(store.alerts(Optional.of(Alert.Status.OPEN), 10)).isEmpty();
        assertThat(state(BROOKLYN_NOISE).openRunStart()).isEmpty();
        assertThat(store.findAlert(UUID.randomUUID())).isEmpty();
    }

    @Test
    void theLastCheckedDayIsKeptPerSeries() {
        forecastFor(BROOKLYN_NOISE);
        forecastFor(QUEENS_RODENT);
        assertThat(state(BROOKLYN_NOISE).lastChecked()).isEmpty();

        store.setLastChecked(
                java.util.Map.of(BROOKLYN_NOISE.id(), new CheckedThrough(DAY.minusDays(1), Optional.empty())), AT);
        store.setLastChecked(
                java.util.Map.of(BROOKLYN_NOISE.id(), new CheckedThrough(DAY, Optional.empty())), AT.plusSeconds(60));

        assertThat(state(BROOKLYN_NOISE).lastChecked()).contains(DAY);
        assertThat(state(QUEENS_RODENT).lastChecked()).isEmpty();
    }

    @Test
    void aRunStillGoingIsTheNextChecksContextUntilItEndsAndAnOpenAlertBeforeItComesFirst() {
        forecastFor(BROOKLYN_NOISE);
        store.setLastChecked(
                java.util.Map.of(BROOKLYN_NOISE.id(), new CheckedThrough(DAY, Optional.of(DAY.minusDays(1)))), AT);
        assertThat(state(BROOKLYN_NOISE).openRunStart()).contains(DAY.minusDays(1));

        store.saveAlert(openThreeDays(UUID.randomUUID(), BROOKLYN_NOISE, Alert.OpenedBy.BREACHES), DERIVED_UNDER, AT);
        assertThat(state(BROOKLYN_NOISE).openRunStart())
                .as("the open alert's episode began before the run")
                .contains(DAY.minusDays(2));

        store.setLastChecked(
                java.util.Map.of(BROOKLYN_NOISE.id(), new CheckedThrough(DAY.plusDays(1), Optional.empty())),
                AT.plusSeconds(86_400));
        assertThat(state(BROOKLYN_NOISE).openRunStart()).contains(DAY.minusDays(2));
    }

    /** A one-day forecast in the snapshot: the check's state lists the series that have one. */
    @Test
    void eachMorningsFirstWeekIsKeptOnceAndForgottenPastTheLookBack() {
        java.util.function.BiFunction<String, LocalDate, SeriesForecast> run = (id, lastActual) -> new SeriesForecast(
                BROOKLYN_NOISE.id(),
                id,
                lastActual,
                java.util.stream.IntStream.rangeClosed(1, 30)
                        .mapToObj(h -> new org.nyc311.model.forecast.ForecastPoint(
                                lastActual.plusDays(h), 200 + h, 150, 260, 0.95))
                        .toList());
        store.storeSnapshots(List.of(run.apply("run-1", DAY)));
        store.storeSnapshots(List.of(run.apply("run-2", DAY.plusDays(1))));
        store.storeSnapshots(List.of(run.apply("run-1-again", DAY)));

        var mornings = store.mornings(DAY).get(BROOKLYN_NOISE.id());
        assertThat(mornings).containsOnlyKeys(DAY, DAY.plusDays(1));
        assertThat(mornings.get(DAY))
                .as("the first week only")
                .hasSize(AnomalyRepository.MORNING_HORIZON)
                .containsKey(DAY.plusDays(7))
                .doesNotContainKey(DAY.plusDays(8));
        assertThat(mornings.get(DAY).get(DAY.plusDays(3)))
                .as("a redelivered morning changes nothing")
                .isEqualTo(new SnapshotPoint(DAY.plusDays(3), "run-1", 3, 203, 150, 260));
        assertThat(store.snapshot(BROOKLYN_NOISE.id(), DAY).get(DAY.plusDays(3)).forecastRunId())
                .as("the snapshot keeps the newest forecast of a day")
                .isEqualTo("run-2");

        assertThat(store.forgetMorningsBefore(DAY.plusDays(8))).isEqualTo(2 * AnomalyRepository.MORNING_HORIZON - 1);
        assertThat(store.mornings(DAY).get(BROOKLYN_NOISE.id())).containsOnlyKeys(DAY.plusDays(1));
    }

    private void forecastFor(SeriesKey series) {
        jdbc.update(
                "INSERT INTO forecast_snapshot (series_id, target_date, forecast_run_id, last_actual_date, horizon, yhat, "
                        + "lower_bound, upper_bound) VALUES (?, ?, 'run-1', ?, 1, 10, 5, 15) ON CONFLICT DO NOTHING",
                series.id(),
                java.sql.Date.valueOf(DAY.plusDays(1)),
                java.sql.Date.valueOf(DAY));
    }

    private SeriesCheckState state(SeriesKey series) {
        return store.checkStates().stream()
                .filter(s -> s.seriesId().equals(series.id()))
                .findFirst()
                .orElseThrow();
    }

    private static AnomalyQuery query(
            Optional<LocalDate> from,
            Optional<String> type,
            Optional<String> borough,
            Optional<Double> minSeverity,
            int limit) {
        return new AnomalyQuery(from, Optional.empty(), type, borough, minSeverity, Optional.empty(), limit);
    }

    @Test
    void anAlertStoredBeforeItsRuleWasRecordedReadsAsUnrecordedUntilACheckSavesItAgain() {
        UUID id = UUID.randomUUID();
        // a row as the schema before V10 held it: no opened_by
        jdbc.update(
                "INSERT INTO alert (alert_id, series_id, status, episode_start, opened_on, last_anomalous_date, "
                        + "anomalous_days, peak_z_score, updated_at) VALUES (?, ?, 'OPEN', ?, ?, ?, 3, 5.5, now())",
                id,
                BROOKLYN_NOISE.id(),
                java.sql.Date.valueOf(DAY.minusDays(2)),
                java.sql.Date.valueOf(DAY),
                java.sql.Date.valueOf(DAY));

        assertThat(store.findAlert(id)).map(Alert::openedBy).contains(Alert.OpenedBy.UNRECORDED);

        Alert derivedAgain = openThreeDays(id, BROOKLYN_NOISE, Alert.OpenedBy.EVIDENCE);
        store.saveAlert(derivedAgain, DERIVED_UNDER, AT);
        assertThat(store.findAlert(id)).contains(derivedAgain);
    }

    @Test
    void everyRuleTheDetectorHasIsStoredAndReadBack() {
        for (Alert.OpenedBy rule : Alert.OpenedBy.values()) {
            Alert alert = openThreeDays(UUID.randomUUID(), QUEENS_RODENT, rule);

            store.saveAlert(alert, DERIVED_UNDER, AT);

            assertThat(store.findAlert(alert.id())).as(rule.tag()).contains(alert);
        }
    }

    /** An open alert of three anomalous days ending on {@link #DAY}, opened by {@code rule}. */
    private static Alert openThreeDays(UUID id, SeriesKey series, Alert.OpenedBy rule) {
        return new Alert(id, series, Alert.Status.OPEN, DAY.minusDays(2), DAY, DAY, null, 3, 5.5, rule, null);
    }
}
