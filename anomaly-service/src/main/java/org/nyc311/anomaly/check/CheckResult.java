package org.nyc311.anomaly.check;

import org.nyc311.anomaly.store.AnomalyRepository;

/**
 * What one ForecastsPublished did.
 *
 * @param duplicate       the event had been processed before: nothing was done
 * @param forecastsStored snapshot points stored or replaced by shorter horizons
 * @param daysChecked     series-days judged for the first time
 * @param anomalies       anomalies recorded
 * @param alertsOpened    alerts opened
 * @param alertsClosed    alerts closed
 */
public record CheckResult(
        boolean duplicate, int forecastsStored, int daysChecked, int anomalies, int alertsOpened, int alertsClosed) {

    AnomalyRepository.CheckCounts counts() {
        return new AnomalyRepository.CheckCounts(forecastsStored, daysChecked, anomalies, alertsOpened, alertsClosed);
    }

    static CheckResult seenBefore() {
        return new CheckResult(true, 0, 0, 0, 0, 0);
    }
}
