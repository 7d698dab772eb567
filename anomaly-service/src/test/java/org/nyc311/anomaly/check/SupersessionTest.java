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
        Alert derivedInstead = open(LocalDate.of(2026, 6, 2));

        for (Map<UUID, Alert> derived : List.of(Map.<UUID, Alert>of(), Map.of(derivedInstead.id(), derivedInstead))) {
            Supersession s = Supersession.of(List.of(new StoredAlert(old, BEFORE)), derived, NOW, JUDGED, () -> false);

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
                        assertThat(closed.anomalousDays()).isEqualTo(old.anomalousDays());
                    });
            assertThat(s.rederived()).isEmpty();
        }
    }

    @Test
    void underTheSameSettingsAnOpenAlertTheCheckDidNotDeriveStaysOpenEvenBesideAnotherOpenOne() {
        // a check that read less of the history than the one before (a gap, a late record, the look-back bound) can
        // derive a live alert under another first day, or not at all: it cannot tell, so it closes nothing
        Alert live = open(LocalDate.of(2026, 6, 1));
        Alert derivedFromAnotherDay = open(LocalDate.of(2026, 6, 2));

        for (String storedUnder : new String[] {NOW, null}) {
            for (Map<UUID, Alert> derived :
                    List.of(Map.<UUID, Alert>of(), Map.of(derivedFromAnotherDay.id(), derivedFromAnotherDay))) {
                Supersession s =
                        Supersession.of(List.of(new StoredAlert(live, storedUnder)), derived, NOW, JUDGED, () -> false);

                assertThat(s.superseded())
                        .as("stored under " + storedUnder + ", derived " + derived.size())
                        .isEmpty();
                assertThat(s.rederived()).isEmpty();
            }
        }
    }

    @Test
    void anOpenAlertDerivedAgainOpenIsKeptAndRecordedUnderTheCurrentSettings() {
        Alert alert = open(LocalDate.of(2026, 6, 1));
        Map<UUID, Alert> derived = Map.of(alert.id(), alert);

        assertThat(Supersession.of(List.of(new StoredAlert(alert, BEFORE)), derived, NOW, JUDGED, () -> false))
                .isEqualTo(new Supersession(List.of(), List.of(alert.id())));
        assertThat(Supersession.of(List.of(new StoredAlert(alert, null)), derived, NOW, JUDGED, () -> false))
                .isEqualTo(new Supersession(List.of(), List.of(alert.id())));
        assertThat(Supersession.of(List.of(new StoredAlert(alert, NOW)), derived, NOW, JUDGED, () -> false))
                .isEqualTo(new Supersession(List.of(), List.of()));
    }

    @Test
    void anOpenAlertTheCheckDerivesClosedIsNeitherSupersededNorRecordedHere() {
        // the check saves it closed, back inside, under its own settings
        Alert alert = open(LocalDate.of(2026, 6, 1));
        Alert backInside = alert.closed(LocalDate.of(2026, 6, 6), Alert.ClosedBecause.BACK_INSIDE);

        assertThat(Supersession.of(
                        List.of(new StoredAlert(alert, BEFORE)),
                        Map.of(backInside.id(), backInside),
                        NOW,
                        JUDGED,
                        () -> false))
                .isEqualTo(new Supersession(List.of(), List.of()));
    }

    @Test
    void settingsChangedBackDuringOneRiseLeaveTheOtherSettingsAlertOpen() {
        // the rise's first alert was superseded when the settings changed; changed back, it is derived open again but
        // cannot be stored (its id is taken): the alert the other settings opened must not be closed for it
        Alert first = open(LocalDate.of(2026, 5, 30));
        Alert underOtherSettings = open(LocalDate.of(2026, 6, 1));

        Supersession s = Supersession.of(
                List.of(new StoredAlert(underOtherSettings, BEFORE)),
                Map.of(first.id(), first),
                NOW,
                JUDGED,
                () -> true);

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
