package org.nyc311.anomaly.notify;

import java.net.URI;
import java.util.Locale;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.event.AnomalyAlert;
import org.nyc311.model.series.SeriesKey;

/**
 * What people are told of one alert transition: a one-line {@link #text} with the series, the transition, the days
 * and a link to the series in the dashboard, and the event itself for machines.
 *
 * @param event      the transition
 * @param eventJson  the event in its shared JSON form
 * @param seriesLink the dashboard's Explorer on the alert's series
 */
public record AlertNotice(AnomalyAlert event, String eventJson, URI seriesLink) {

    /** The notice of {@code event}, linking to its series under {@code dashboard}. */
    public static AlertNotice of(AnomalyAlert event, String eventJson, URI dashboard) {
        SeriesKey series = event.alert().series();
        String base = dashboard.toString().replaceAll("/+$", "");
        URI link = URI.create(
                base + "/explorer?complaintType=" + series.complaintTypeKey().orElse(SeriesKey.ALL) + "&borough="
                        + series.borough().map(b -> b.key()).orElse(SeriesKey.ALL));
        return new AlertNotice(event, eventJson, link);
    }

    /**
     * E.g. "Alert OPENED: noise-residential/brooklyn, 3 anomalous days from 2026-06-01 to 2026-06-03 (opened 2026-06-03),
     * peak z 5.50, opened by days above the interval: <link>"; a closed alert says "back inside on" its day, or "closed on"
     * it and why ("superseded: no longer derived under the current detection settings").
     */
    public String text() {
        Alert a = event.alert();
        StringBuilder text = new StringBuilder("Alert ")
                .append(event.transition())
                .append(": ")
                .append(a.series().id())
                .append(", ")
                .append(a.anomalousDays())
                .append(a.anomalousDays() == 1 ? " anomalous day" : " anomalous days")
                .append(" from ")
                .append(a.episodeStart())
                .append(" to ")
                .append(a.lastAnomalousDate())
                .append(" (opened ")
                .append(a.openedOn());
        if (a.closedOn() != null && a.closedBecause() == Alert.ClosedBecause.SUPERSEDED) {
            text.append(", closed on ")
                    .append(a.closedOn())
                    .append(", ")
                    .append(a.closedBecause().words());
        } else if (a.closedOn() != null) {
            text.append(", back inside on ").append(a.closedOn());
        }
        return text.append("), peak z ")
                .append(String.format(Locale.ROOT, "%.2f", a.peakZScore()))
                .append(", opened by ")
                .append(a.openedBy().words())
                .append(": ")
                .append(seriesLink)
                .toString();
    }

    /** A short subject line (an e-mail's; SNS takes at most 100 characters). */
    public String subject() {
        String subject = "NYC 311 alert " + event.transition().name().toLowerCase(Locale.ROOT) + ": "
                + event.alert().series().id();
        return subject.length() <= 100 ? subject : subject.substring(0, 100);
    }
}
