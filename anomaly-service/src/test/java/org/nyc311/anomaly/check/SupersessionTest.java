package org.nyc311.anomaly.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.store.StoredAlert;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.SeriesKey;

class SupersessionTest {

    private static final SeriesKey SERIES = SeriesKey.of("noise-residential", Borough.BROOKLYN);
    private static final LocalDate JUDGED = LocalDate.of(2026, 6, 10);
    private static final String NOW = "bd20ddb9799eb4a5";
    private static final String BEFORE = "0123456789abcdef";

    @Test
    void anOpenAlertDerivedUnderOtherSettingsAndNotDerivedNowIsSuperseded() {
        Alert old = open(LocalDate.of(2026, 6, 1));

        Supersession s = Supersession.of(List.of(new StoredAlert(old, BEFORE)), Map.of(), NOW, JUDGED);

        assertThat(s.superseded()).extracting(StoredAlert::derivedUnder).containsExactly(BEFORE);
        assertThat(s.superseded())
                .extracting(StoredAlert::alert)
                .singleElement()
                .satisfies(closed -> {
                    assertThat(closed.id()).isEqualTo(old.id());
                    assertThat(closed.status()).isEqualTo(Alert.Status.CLOSED);
                    assertThat(closed.closedOn()).isEqualTo(JUDGED);
                    assertThat(closed.closedBecause()).isEqualTo(Alert.ClosedBecause.SUPERSEDED);
                    assertThat(closed.episodeStart()).isEqualTo(old.episodeStart());
                });
        assertThat(s.rederived()).isEmpty();
    }

    @Test
    void anOpenAlertUnderTheSameSettingsThatTheCheckDidNotReachStaysOpen() {
        // a check that read less of the history than the one before derives nothing of this rise: no reason to close it
        Alert live = open(LocalDate.of(2026, 6, 1));

        Supersession s = Supersession.of(List.of(new StoredAlert(live, NOW)), Map.of(), NOW, JUDGED);

        assertThat(s.superseded()).isEmpty();
        assertThat(s.rederived()).isEmpty();
    }

    @Test
    void anOpenAlertStoredBeforeSettingsWereRecordedAndAloneStaysOpen() {
        Alert older = open(LocalDate.of(2026, 6, 1));
        Alert closedEarlier =
                open(LocalDate.of(2026, 5, 1)).closed(LocalDate.of(2026, 5, 5), Alert.ClosedBecause.BACK_INSIDE);

        Supersession s = Supersession.of(
                List.of(new StoredAlert(older, null)), Map.of(closedEarlier.id(), closedEarlier), NOW, JUDGED);

        assertThat(s.superseded()).isEmpty();
    }

    @Test
    void aSecondOpenAlertOfOneRiseIsSupersededByTheOneDerivedNowWhateverItsSettings() {
        Alert derivedNow = open(LocalDate.of(2026, 6, 2));
        Alert duplicate = open(LocalDate.of(2026, 6, 1));

        for (String storedUnder : new String[] {null, NOW, BEFORE}) {
            Supersession s = Supersession.of(
                    List.of(new StoredAlert(duplicate, storedUnder), new StoredAlert(derivedNow, storedUnder)),
                    Map.of(derivedNow.id(), derivedNow),
                    NOW,
                    JUDGED);

            assertThat(s.superseded())
                    .extracting(a -> a.alert().id())
                    .as("stored under " + storedUnder)
                    .containsExactly(duplicate.id());
        }
    }

    @Test
    void anOpenAlertDerivedAgainIsKeptAndRecordedUnderTheCurrentSettings() {
        Alert alert = open(LocalDate.of(2026, 6, 1));
        Map<UUID, Alert> derived = Map.of(alert.id(), alert);

        assertThat(Supersession.of(List.of(new StoredAlert(alert, BEFORE)), derived, NOW, JUDGED))
                .isEqualTo(new Supersession(List.of(), List.of(alert.id())));
        assertThat(Supersession.of(List.of(new StoredAlert(alert, null)), derived, NOW, JUDGED))
                .isEqualTo(new Supersession(List.of(), List.of(alert.id())));
        assertThat(Supersession.of(List.of(new StoredAlert(alert, NOW)), derived, NOW, JUDGED))
                .isEqualTo(new Supersession(List.of(), List.of()));
    }

    @Test
    void anOpenAlertTheCheckDerivesClosedIsLeftToTheCheckThatClosesIt() {
        Alert alert = open(LocalDate.of(2026, 6, 1));
        Alert backInside = alert.closed(LocalDate.of(2026, 6, 6), Alert.ClosedBecause.BACK_INSIDE);

        Supersession s = Supersession.of(
                List.of(new StoredAlert(alert, BEFORE)), Map.of(backInside.id(), backInside), NOW, JUDGED);

        assertThat(s.superseded()).isEmpty();
    }

    private static Alert open(LocalDate start) {
        UUID id = UUID.nameUUIDFromBytes(
                ("Alert:" + SERIES.id() + ":" + start).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Alert(
                id,
                SERIES,
                Alert.Status.OPEN,
                start,
                start.plusDays(2),
                start.plusDays(3),
                null,
                4,
                5.0,
                Alert.OpenedBy.EVIDENCE,
                null);
    }
}
