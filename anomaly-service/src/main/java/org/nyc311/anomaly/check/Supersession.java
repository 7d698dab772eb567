package org.nyc311.anomaly.check;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.nyc311.anomaly.store.StoredAlert;
import org.nyc311.model.anomaly.Alert;

/**
 * What a check of one series does with the open alerts stored for it that it did not derive from the days it read.
 *
 * <p>An alert's id is its series and the first day of its episode, and only a check that derives the alert closed
 * closes it, as its series gets back inside. When the detection settings change (or the rules, in an upgrade), the new
 * ones may derive the episode from another first day, or not at all, and the old alert would stay open for ever. So a
 * check closes an open alert it did not derive, as {@link Alert.ClosedBecause#SUPERSEDED}, when it was derived under
 * other settings than the check's ({@code alert.derived_under}); and only then. An open alert the check did not derive
 * under its own settings stays open, because a check cannot tell why it did not: it may have read less of the series
 * than the check that stored it (the look-back bound, a day missing from gold, a late record that moved the run's
 * first day), and closing live alerts in normal operation is worse than leaving one open (a first version did, and a
 * review found it closing live alerts on gaps, on late records and on alerts older than the look-back). An open alert
 * stored before the settings were recorded with it stays open too.
 *
 * <p>One exception: the check derives an open alert whose id is taken by an alert already closed (settings changed and
 * changed back during one rise: the rise's first alert was superseded and cannot be stored again). Then none of the
 * series' alerts is superseded by that check, so that the alert the other settings opened for the rise stays open; it is
 * superseded by the first check that no longer derives the taken one open. (The check also holds back the alerts whose
 * days reach into a run it has not opened an alert on yet: {@code AnomalyCheck}.)
 *
 * <p>An open alert derived again, still open, is recorded under the check's settings.
 *
 * @param superseded the alerts to close, closed on the last day the check judged, each with the settings it was
 *     derived under (it stays recorded under them)
 * @param rederived  the open alerts derived again, still open, whose stored settings are not the check's
 */
record Supersession(List<StoredAlert> superseded, List<UUID> rederived) {

    Supersession {
        superseded = List.copyOf(superseded);
        rederived = List.copyOf(rederived);
    }

    /**
     * @param open            the series' open alerts as stored when the check began
     * @param derived         every alert the check derived for the series, open or closed, by id
     * @param derivedUnder    the check's settings ({@code AnomalyProperties#derivedUnder})
     * @param lastJudged      the last day the check judged
     * @param derivesTakenOne whether the check derives an open alert whose id is an alert already closed; asked only
     *     when an alert under other settings was not derived, since it reads the store
     */
    static Supersession of(
            List<StoredAlert> open,
            Map<UUID, Alert> derived,
            String derivedUnder,
            LocalDate lastJudged,
            BooleanSupplier derivesTakenOne) {
        List<StoredAlert> superseded = new ArrayList<>();
        List<UUID> rederived = new ArrayList<>();
        Boolean blocked = null;
        for (StoredAlert stored : open) {
            Alert alert = stored.alert();
            String storedUnder = stored.derivedUnder();
            Alert again = derived.get(alert.id());
            if (again != null) {
                // derived closed, the check saves it closed under its settings
                if (again.status() == Alert.Status.OPEN && !derivedUnder.equals(storedUnder)) {
                    rederived.add(alert.id());
                }
                continue;
            }
            if (storedUnder == null || storedUnder.equals(derivedUnder)) {
                continue;
            }
            if (blocked == null) {
                blocked = derivesTakenOne.getAsBoolean();
            }
            if (!blocked) {
                superseded.add(new StoredAlert(alert.closed(lastJudged, Alert.ClosedBecause.SUPERSEDED), storedUnder));
            }
        }
        return new Supersession(superseded, rederived);
    }
}
