package org.nyc311.anomaly.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.store.AlertReview.Acknowledgement;
import org.nyc311.anomaly.store.AlertReview.Label;
import org.nyc311.anomaly.store.AlertReview.Verdict;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.SeriesKey;
import org.springframework.dao.DataAccessException;

/**
 * Analysts' reviews of alerts on a real PostgreSQL with this service's migrations (V8), each test rolled back: one
 * acknowledgement per alert, a label history whose latest entry is the current label, an audit trail that refuses
 * to be rewritten, and the labelled precision of a window counting each alert's latest label once.
 */
class AlertReviewRepositoryTest extends AnomalyStoreSliceTest {

    private static final SeriesKey BROOKLYN_NOISE = SeriesKey.of("noise-residential", Borough.BROOKLYN);
    private static final LocalDate DAY = LocalDate.of(2026, 5, 31);
    private static final Instant AT = Instant.parse("2026-06-01T13:00:00Z");

    @Test
    void theFirstAcknowledgementStandsAndTheLatestLabelIsTheCurrentOne() {
        Alert alert = alert(DAY);
        Alert untouched = alert(DAY.minusDays(10));

        assertThat(store.acknowledge(alert.id(), "maria", AT)).isTrue();
        assertThat(store.acknowledge(alert.id(), "sam", AT.plusSeconds(60)))
                .as("already acknowledged")
                .isFalse();
        store.label(alert.id(), new Label(Verdict.FALSE, "a parade", "sam", AT.plusSeconds(120)));
        store.label(alert.id(), new Label(Verdict.REAL, "the parade was the day before", "maria", AT.plusSeconds(180)));

        assertThat(store.labels(alert.id()))
                .containsExactly(
                        new Label(Verdict.FALSE, "a parade", "sam", AT.plusSeconds(120)),
                        new Label(Verdict.REAL, "the parade was the day before", "maria", AT.plusSeconds(180)));
        assertThat(store.reviews(List.of(alert.id(), untouched.id())))
                .containsOnlyKeys(alert.id())
                .containsEntry(
                        alert.id(),
                        new AlertReview(
                                new Acknowledgement("maria", AT),
                                new Label(
                                        Verdict.REAL, "the parade was the day before", "maria", AT.plusSeconds(180))));
        assertThat(store.labels(untouched.id())).isEmpty();
        assertThat(store.reviews(List.of())).isEmpty();
    }

    @Test
    void theAuditTrailIsAppendOnlyAndNamesSomeone() {
        Alert alert = alert(DAY);
        store.label(alert.id(), new Label(Verdict.REAL, "", "maria", AT));

        assertThat(refused(() -> jdbc.update("UPDATE alert_review SET verdict = 'FALSE'")))
                .contains("append-only");
        assertThat(refused(() -> jdbc.update("DELETE FROM alert_review"))).contains("append-only");
        assertThat(refused(() -> store.label(alert.id(), new Label(Verdict.REAL, "", "  ", AT))))
                .as("a blank actor")
                .contains("alert_review_actor_check");
        assertThat(refused(() -> store.acknowledge(UUID.randomUUID(), "maria", AT)))
                .as("no such alert")
                .contains("alert_review_alert_id_fkey");
        assertThat(store.labels(alert.id())).containsExactly(new Label(Verdict.REAL, "", "maria", AT));
    }

    @Test
    void precisionCountsTheLatestLabelOfEachAlertOpenedInTheWindow() {
        Alert realThenFalse = alert(DAY);
        Alert real = alert(DAY.minusDays(30));
        Alert falseThenReal = alert(DAY.minusDays(89));
        alert(DAY.minusDays(5)); // unlabelled: counts as opened only
        Alert beforeTheWindow = alert(DAY.minusDays(90));
        store.label(realThenFalse.id(), new Label(Verdict.REAL, "", "maria", AT));
        store.label(realThenFalse.id(), new Label(Verdict.FALSE, "a data backlog", "sam", AT.plusSeconds(60)));
        store.label(real.id(), new Label(Verdict.REAL, "", "maria", AT));
        store.label(falseThenReal.id(), new Label(Verdict.FALSE, "", "maria", AT));
        store.label(falseThenReal.id(), new Label(Verdict.REAL, "", "maria", AT.plusSeconds(60)));
        store.label(beforeTheWindow.id(), new Label(Verdict.FALSE, "", "maria", AT));

        assertThat(store.precisionByRule(DAY.minusDays(89)))
                .containsExactly(Map.entry(Alert.OpenedBy.BREACHES, new AlertReview.Precision(4, 3, 2)));
        assertThat(store.precisionByRule(DAY.plusDays(1))).isEmpty();
    }

    @Test
    void precisionIsCountedPerRuleThatOpenedTheAlerts() {
        Alert byBreaches = alert(DAY);
        Alert byEvidence = alert(DAY.minusDays(1), Alert.OpenedBy.EVIDENCE);
        Alert alsoByEvidence = alert(DAY.minusDays(2), Alert.OpenedBy.EVIDENCE);
        store.label(byBreaches.id(), new Label(Verdict.REAL, "", "maria", AT));
        store.label(byEvidence.id(), new Label(Verdict.REAL, "", "maria", AT));
        store.label(alsoByEvidence.id(), new Label(Verdict.FALSE, "", "maria", AT));

        Map<Alert.OpenedBy, AlertReview.Precision> byRule = store.precisionByRule(DAY.minusDays(89));

        assertThat(byRule)
                .containsExactly(
                        Map.entry(Alert.OpenedBy.BREACHES, new AlertReview.Precision(1, 1, 1)),
                        Map.entry(Alert.OpenedBy.EVIDENCE, new AlertReview.Precision(2, 2, 1)));
        assertThat(AlertReview.Precision.total(byRule.values())).isEqualTo(new AlertReview.Precision(3, 3, 2));
    }

    /** The database's refusal of {@code statement}, in a savepoint so that the test's transaction goes on. */
    private String refused(Runnable statement) {
        jdbc.execute("SAVEPOINT refused");
        try {
            statement.run();
        } catch (DataAccessException e) {
            return String.valueOf(e.getMostSpecificCause().getMessage());
        } finally {
            jdbc.execute("ROLLBACK TO SAVEPOINT refused");
        }
        throw new AssertionError("the database took what it must refuse");
    }

    /** A closed three-day alert opened on {@code openedOn} by three days above the interval. */
    private Alert alert(LocalDate openedOn) {
        return alert(openedOn, Alert.OpenedBy.BREACHES);
    }

    private Alert alert(LocalDate openedOn, Alert.OpenedBy rule) {
        Alert alert = new Alert(
                UUID.randomUUID(),
                BROOKLYN_NOISE,
                Alert.Status.CLOSED,
                openedOn.minusDays(2),
                openedOn,
                openedOn,
                openedOn.plusDays(1),
                3,
                4.5,
                rule,
                null);
        store.saveAlert(alert, DERIVED_UNDER, AT);
        return alert;
    }
}
