package org.nyc311.anomaly.check;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nyc311.anomaly.engine.AnomalyDetector;
import org.nyc311.anomaly.engine.ObservedDay;
import org.nyc311.anomaly.store.SnapshotPoint;

/**
 * One series' stored forecasts by the morning they were made for, as anomaly-engine's yardstick: the forecast of a
 * day made on the morning a run of rising days began is the newest one made from history ending before that day.
 * It remembers which run's forecast each day was judged by, for the anomaly it records. Local to one check of one
 * series.
 */
final class MorningForecasts implements AnomalyDetector.Yardstick {

    private final TreeMap<LocalDate, Map<LocalDate, SnapshotPoint>> byLastActualDate;
    private final Map<LocalDate, String> judgedBy = new HashMap<>();

    /** @param byLastActualDate the series' forecasts by the last day of history they saw, then by day */
    MorningForecasts(TreeMap<LocalDate, Map<LocalDate, SnapshotPoint>> byLastActualDate) {
        this.byLastActualDate = byLastActualDate;
    }

    @Override
    public Optional<ObservedDay> before(LocalDate runStart, ObservedDay day) {
        Map.Entry<LocalDate, Map<LocalDate, SnapshotPoint>> morning = byLastActualDate.lowerEntry(runStart);
        if (morning == null || !morning.getValue().containsKey(day.date())) {
            return Optional.empty();
        }
        SnapshotPoint p = morning.getValue().get(day.date());
        judgedBy.put(day.date(), p.forecastRunId());
        return Optional.of(new ObservedDay(day.date(), day.actual(), p.yhat(), p.lower(), p.upper()));
    }

    /** The run whose forecast {@code day} was last judged by through this yardstick, if it was. */
    Optional<String> judgedBy(LocalDate day) {
        return Optional.ofNullable(judgedBy.get(day));
    }
}
