package org.nyc311.anomaly.check;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nyc311.anomaly.store.StoredAlert;
import org.nyc311.model.anomaly.Alert;

/**
 * What a check of one series does with the open alerts stored for it that it did not derive from the days it read.
 *
 * <p>An alert's id is its series and the first day of its episode, and only a check that derives the alert closed
 * closes it as its series gets back inside. When the detection settings change (or the rules, in an upgrade), the new
 * ones may derive the episode from another first day, or not at all, and the old alert would stay open for ever. A
 * check cannot tell that from a check that merely read less of the series' history than the one before (which, before
 * {@code check_state.run_start}, happened in normal operation and derived a live alert under another first day), so
 * it closes an open alert it did not derive, as {@link Alert.ClosedBecause#SUPERSEDED}, only when
 *
 * <ul>
 *   <li>the alert was derived under other settings than the check's ({@code alert.derived_under}), or
 *   <li>the check derives another open alert of the same series: one rise is one open alert, and the one the current
 *       settings derive is the one that will close when the rise ends (this also closes the second open alert of one
 *       rise that versions before {@code run_start} could store).
 * </ul>
 *
 * An open alert stored before the settings were recorded with it, not derived and alone, stays open: nothing says
 * its settings changed. An open alert the check derives again, unchanged, is recorded as derived under the current
 * settings.
 *
 * @param superseded the alerts to close, closed on the last day the check judged, each with the settings it was derived
 *     under (it stays recorded under them)
 * @param rederived  the open alerts derived again whose stored settings are not the check's
 */
record Supersession(List<StoredAlert> superseded, List<UUID> rederived) {

    Supersession {
        superseded = List.copyOf(superseded);
        rederived = List.copyOf(rederived);
    }

    /**
     * @param open         the series' open alerts as stored when the check began
     * @param derived      every alert the check derived for the series, open or closed, by id
     * @param derivedUnder the check's settings ({@code AnomalyProperties#derivedUnder})
     * @param lastJudged   the last day the check judged
     */
    static Supersession of(
            List<StoredAlert> open, Map<UUID, Alert> derived, String derivedUnder, LocalDate lastJudged) {
        List<StoredAlert> superseded = new ArrayList<>();
        List<UUID> rederived = new ArrayList<>();
        for (StoredAlert stored : open) {
            Alert alert = stored.alert();
            String storedUnder = stored.derivedUnder();
            boolean settingsChanged = storedUnder != null && !storedUnder.equals(derivedUnder);
            if (derived.containsKey(alert.id())) {
                if (!derivedUnder.equals(storedUnder)) {
                    rederived.add(alert.id());
                }
                continue;
            }
            boolean anotherOpen = derived.values().stream()
                    .anyMatch(a -> a.status() == Alert.Status.OPEN && !a.id().equals(alert.id()));
            if (anotherOpen || settingsChanged) {
                superseded.add(new StoredAlert(alert.closed(lastJudged, Alert.ClosedBecause.SUPERSEDED), storedUnder));
            }
        }
        return new Supersession(superseded, rederived);
    }
}
