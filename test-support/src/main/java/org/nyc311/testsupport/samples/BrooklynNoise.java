package org.nyc311.testsupport.samples;

import java.time.LocalDate;
import java.util.UUID;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.anomaly.AnomalyView;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.anomaly.Anomaly;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.SeriesKey;

/**
 * Brooklyn's residential noise, the series the services' tests use most: its catalog row, its spike of 2026-06-01
 * (140 requests over an interval of 70 to 120 forecast at 90.5, robust z-score 4.2, forecast run {@code run-7}) and
 * the open alert of that episode (from 2026-06-01, opened on the 3rd, last anomalous on the 4th, four days, peak
 * 5.5), as the domain holds them and as the APIs show them.
 */
public final class BrooklynNoise {

    public static final SeriesKey SERIES = SeriesKey.of("noise-residential", Borough.BROOKLYN);

    // the episode: its first anomalous day, the day its alert opened, its last anomalous day
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 6, 1);
    private static final LocalDate OPENED_ON = LocalDate.of(2026, 6, 3);
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 6, 4);

    /** The spike as anomaly-service's API shows it. */
    public static final AnomalyView SPIKE_ROW = new AnomalyView(
            "noise-residential/brooklyn",
            "noise-residential",
            "brooklyn",
            LocalDate.of(2026, 6, 1),
            140,
            90.5,
            70,
            120,
            4.2,
            "SPIKE",
            "run-7");

    private BrooklynNoise() {}

    /** The spike as the anomaly check records it. */
    public static Anomaly spike() {
        return new Anomaly(SERIES, LocalDate.of(2026, 6, 1), 140, 90.5, 70, 120, 4.2, Anomaly.Direction.SPIKE, "run-7");
    }

    /** The episode's alert, open, with this id. */
    public static Alert openAlert(UUID id) {
        return new Alert(
                id,
                SERIES,
                Alert.Status.OPEN,
                FIRST_DAY,
                OPENED_ON,
                LAST_DAY,
                null,
                4,
                5.5,
                Alert.OpenedBy.BREACHES,
                null);
    }

    /** {@link #openAlert} as anomaly-service's API shows it, before anyone acknowledged or labelled it. */
    public static AlertView openAlertRow(UUID id) {
        return new AlertView(
                id,
                "noise-residential/brooklyn",
                "open",
                FIRST_DAY,
                OPENED_ON,
                LAST_DAY,
                null,
                4,
                5.5,
                "breaches",
                null,
                null,
                null);
    }

    /**
     * The series' row of forecast-service's catalog: days from three years before {@code last} to {@code last}, the
     * last of them not zero, 84.5 a day on average over 1,096 days, forecastable.
     */
    public static SeriesView catalogRow(LocalDate last) {
        return new SeriesView(
                "noise-residential/brooklyn",
                "type_borough",
                "noise-residential",
                "Noise - Residential",
                "brooklyn",
                last.minusYears(3),
                last,
                last,
                84.5,
                1096,
                true);
    }
}
