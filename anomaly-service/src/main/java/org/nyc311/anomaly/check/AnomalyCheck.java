package org.nyc311.anomaly.check;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.anomaly.engine.AlertEpisode;
import org.nyc311.anomaly.engine.AnomalyDetector;
import org.nyc311.anomaly.engine.DayVerdict;
import org.nyc311.anomaly.engine.Detection;
import org.nyc311.anomaly.engine.ObservedDay;
import org.nyc311.anomaly.engine.ObservedSegments;
import org.nyc311.anomaly.forecasts.ForecastServiceClient;
import org.nyc311.anomaly.gold.GoldActuals;
import org.nyc311.anomaly.store.AnomalyRepository;
import org.nyc311.anomaly.store.CheckedThrough;
import org.nyc311.anomaly.store.SeriesCheckState;
import org.nyc311.anomaly.store.SeriesForecast;
import org.nyc311.anomaly.store.SnapshotPoint;
import org.nyc311.anomaly.store.StoredAlert;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.anomaly.Anomaly;
import org.nyc311.model.event.AnomalyAlert;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.ForecastsPublished;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.service.outbox.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The check after a ForecastsPublished: fetch every series' newest forecast from forecast-service
 * into this service's snapshot, read the actuals of every day not yet checked from gold, judge them
 * with anomaly-engine against the snapshot, and persist anomalies, alerts and AnomalyAlert events in
 * one transaction, the AnomalyAlert events staged in service-support's outbox in the same transaction;
 * they are sent after it commits (and again while SQS refuses them).
 *
 * <p>Processing the same event again changes nothing: the event id is recorded with the results,
 * and even without that, only days after each series' last checked day are judged, anomalies are
 * keyed by series and day, alerts by anomaly-engine's deterministic id, and alert events by alert and
 * transition.
 */
public class AnomalyCheck {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyCheck.class);

    private final ForecastServiceClient forecasts;
    private final GoldActuals gold;
    private final AnomalyRepository repository;
    private final EventPublisher publisher;
    private final AnomalyProperties properties;
    private final AnomalyDetector detector;
    private final AnomalyMetrics metrics;
    private final TransactionTemplate transaction;
    private final EventJson eventJson;
    private final Clock clock;
    /** The settings this check derives alerts under ({@link AnomalyProperties#derivedUnder()}), stored with each. */
    private final String derivedUnder;

    public AnomalyCheck(
            ForecastServiceClient forecasts,
            GoldActuals gold,
            AnomalyRepository repository,
            EventPublisher publisher,
            AnomalyProperties properties,
            AnomalyMetrics metrics,
            TransactionTemplate transaction,
            EventJson eventJson,
            Clock clock) {
        this.forecasts = forecasts;
        this.gold = gold;
        this.repository = repository;
        this.publisher = publisher;
        this.properties = properties;
        this.detector = new AnomalyDetector(properties.detectionSettings());
        this.metrics = metrics;
        this.transaction = transaction;
        this.eventJson = eventJson;
        this.clock = clock;
        this.derivedUnder = properties.derivedUnder();
    }

    public CheckResult onForecastsPublished(ForecastsPublished event) {
        if (repository.processed(event.eventId())) {
            return CheckResult.seenBefore();
        }
        return metrics.checkDuration().record(() -> {
            // HTTP before the transaction: no database connection is held while forecast-service answers
            List<SeriesForecast> fetched = fetch(event);
            CheckResult result = transaction.execute(status -> {
                repository.lockChecks();
                if (repository.processed(event.eventId())) {
                    return CheckResult.seenBefore();
                }
                int stored = repository.storeSnapshots(fetched);
                Instant now = clock.instant();
                Tally tally = detect(event.lastActualDate(), now);
                CheckResult done =
                        new CheckResult(false, stored, tally.days, tally.anomalies, tally.opened, tally.closed);
                repository.markProcessed(
                        event.eventId(), event.forecastRunId(), event.lastActualDate(), now, done.counts());
                return done;
            });
            LOG.info("ForecastsPublished {} (run {}): {}", event.eventId(), event.forecastRunId(), result);
            return result;
        });
    }

    /**
     * The run's forecasts in one request; for a run forecast-service does not know (an event from before the bulk
     * read, or a run since deleted), each forecastable series' newest forecast, one request each, as before.
     */
    private List<SeriesForecast> fetch(ForecastsPublished event) {
        Optional<List<SeriesForecast>> ofRun = forecasts.ofRun(event.forecastRunId());
        if (ofRun.isPresent()) {
            return ofRun.get();
        }
        LOG.warn("forecast-service has no run {}: reading each series' newest forecast instead", event.forecastRunId());
        List<SeriesForecast> fetched = new ArrayList<>();
        for (String id : forecasts.forecastableSeries()) {
            SeriesKey key;
            try {
                key = SeriesKey.parse(id);
            } catch (IllegalArgumentException e) {
                LOG.warn(
                        "forecast-service lists a series id this service does not understand, skipped: {}",
                        e.getMessage());
                continue;
            }
            forecasts.latest(key).ifPresent(fetched::add);
        }
        return fetched;
    }

    /**
     * Judges every series' unchecked days up to {@code lastDay} (the last complete day of gold the event names),
     * with a fixed number of queries whatever the number of series: the series' states, their snapshots and
     * gold are each read once.
     */
    private Tally detect(LocalDate lastDay, Instant now) {
        List<CheckWindow> windows = new ArrayList<>();
        LocalDate earliest = null;
        for (SeriesCheckState state : repository.checkStates()) {
            Optional<CheckWindow> window =
                    CheckWindow.of(state, lastDay, properties.zWindow(), properties.maxLookbackDays());
            if (window.isPresent()) {
                windows.add(window.get());
                earliest = earliest == null || window.get().from().isBefore(earliest)
                        ? window.get().from()
                        : earliest;
            }
        }
        Tally tally = new Tally();
        if (earliest == null) {
            return tally;
        }
        Map<String, TreeMap<LocalDate, Long>> actuals = gold.since(earliest);
        Map<String, TreeMap<LocalDate, SnapshotPoint>> snapshots = repository.snapshots(earliest);
        // the windows start at most twice the look-back before the last day: older mornings are never read again
        repository.forgetMorningsBefore(lastDay.minusDays(2L * properties.maxLookbackDays()));
        Map<String, TreeMap<LocalDate, Map<LocalDate, SnapshotPoint>>> mornings =
                properties.judgeRunsBefore() ? repository.mornings(earliest) : Map.of();
        Map<String, List<StoredAlert>> openAlerts = repository.openAlertsBySeries();
        Map<String, CheckedThrough> checkedThrough = new HashMap<>();
        for (CheckWindow window : windows) {
            String seriesId = window.seriesId();
            TreeMap<LocalDate, Long> counts = actuals.getOrDefault(seriesId, new TreeMap<>());
            TreeMap<LocalDate, SnapshotPoint> snapshot = new TreeMap<>(
                    snapshots.getOrDefault(seriesId, new TreeMap<>()).tailMap(window.from(), true));
            MorningForecasts yardstick = new MorningForecasts(mornings.getOrDefault(seriesId, new TreeMap<>()));
            Optional<CheckedThrough> judged = checkSeries(
                    SeriesKey.parse(seriesId),
                    window.firstNew(),
                    window.from(),
                    lastDay,
                    counts,
                    snapshot,
                    yardstick,
                    openAlerts.getOrDefault(seriesId, List.of()),
                    now,
                    tally);
            window.checkedThrough(judged.map(CheckedThrough::day))
                    .ifPresent(day -> checkedThrough.put(
                            seriesId, new CheckedThrough(day, judged.flatMap(CheckedThrough::runningSince))));
        }
        repository.setLastChecked(checkedThrough, now);
        return tally;
    }

    /**
     * Judges the series' new days, saves the alerts they change and closes the open alerts the check supersedes
     * ({@link Supersession}).
     *
     * @param openAlerts the series' open alerts as stored when the check began
     * @return the last day judged and the run still going on it, when a day after {@code firstNew} was judged
     */
    private Optional<CheckedThrough> checkSeries(
            SeriesKey key,
            LocalDate firstNew,
            LocalDate from,
            LocalDate lastDay,
            TreeMap<LocalDate, Long> counts,
            TreeMap<LocalDate, SnapshotPoint> snapshot,
            MorningForecasts yardstick,
            List<StoredAlert> openAlerts,
            Instant now,
            Tally tally) {
        ObservedSegments observed = ObservedSegments.over(from, lastDay, counts, snapshot);
        List<List<ObservedDay>> reaching = observed.reaching(firstNew);
        if (reaching.isEmpty()) {
            return Optional.empty();
        }
        Optional<LocalDate> runningSince = Optional.empty();
        Map<UUID, Alert> derived = new HashMap<>();
        List<DerivedEpisode> episodes = new ArrayList<>();
        for (List<ObservedDay> segment : reaching) {
            Detection detection = detector.detect(segment, yardstick);
            // the last segment ends on the last day judged: its run, if one is going, is the next check's context
            runningSince = detection.runningSince();
            for (DayVerdict verdict : detection.days()) {
                if (verdict.date().isBefore(firstNew)) {
                    continue;
                }
                tally.days++;
                // the run whose forecast the day was judged by: its morning's own, or the one made before its run began
                // every verdict's day is a day of the snapshot the segment was cut from
                String snapshotRun =
                        Objects.requireNonNull(snapshot.get(verdict.date())).forecastRunId();
                String runId = yardstick.judgedBy(verdict.date()).orElse(snapshotRun);
                Optional<Anomaly> anomaly = verdict.toAnomaly(key, runId);
                if (anomaly.isPresent() && repository.recordAnomaly(anomaly.get(), now)) {
                    tally.anomalies++;
                    metrics.anomalyRecorded(anomaly.get().direction());
                }
            }
            for (AlertEpisode episode : detection.episodes()) {
                Alert alert = episode.toAlert(key);
                derived.put(alert.id(), alert);
                boolean news = !episode.lastAnomalousDate().isBefore(firstNew)
                        || episode.closedOn().map(d -> !d.isBefore(firstNew)).orElse(false);
                episodes.add(new DerivedEpisode(episode, news));
            }
        }
        Optional<LocalDate> since = runningSince;
        Optional<LocalDate> judgedThrough = observed.lastDay();
        if (judgedThrough.isEmpty()) {
            return Optional.empty();
        }
        // a run still going that the check's settings have not opened an alert on (yet): an open alert whose days reach
        // into it is not superseded while it goes, since stricter settings may still open it from the same first day
        Optional<LocalDate> pending = since.filter(start -> derived.values().stream()
                .noneMatch(
                        a -> a.status() == Alert.Status.OPEN && a.episodeStart().equals(start)));
        List<StoredAlert> supersedable = openAlerts.stream()
                .filter(a -> pending.map(start -> a.alert().lastAnomalousDate().isBefore(start))
                                .orElse(true)
                        || derived.containsKey(a.alert().id()))
                .toList();
        // what new settings no longer derive closes first: its CLOSED event is staged before the OPENED event of the
        // alert they derive instead
        List<UUID> rederived = supersede(supersedable, derived, judgedThrough.get(), now, tally);
        for (DerivedEpisode e : episodes) {
            // an open alert derived under other settings (or stored before they were recorded) is saved as the check's
            // settings derive it now, even without a new day: derived closed on an earlier day, it closes back inside
            if (e.news() || derivedUnderOtherSettings(openAlerts, e.episode().alertId(key))) {
                saveEpisode(key, e.episode(), now, tally);
            }
        }
        // after the saves, which take the day an alert opened from the settings that derive it when they are new
        for (UUID id : rederived) {
            repository.setDerivedUnder(id, derivedUnder, now);
        }
        return judgedThrough.map(day -> new CheckedThrough(day, since));
    }

    /** One episode a check derived, and whether it holds a day the check judged for the first time. */
    private record DerivedEpisode(AlertEpisode episode, boolean news) {}

    /** Whether the open alert is stored under other settings than the check's, or under none (stored before V13). */
    private boolean derivedUnderOtherSettings(List<StoredAlert> openAlerts, UUID alertId) {
        return openAlerts.stream()
                .anyMatch(a -> a.alert().id().equals(alertId) && !derivedUnder.equals(a.derivedUnder()));
    }

    /**
     * Closes the open alerts this check supersedes, each with its CLOSED event.
     *
     * @return the open alerts derived again whose stored settings are not the check's, to be recorded under them
     */
    private List<UUID> supersede(
            List<StoredAlert> openAlerts, Map<UUID, Alert> derived, LocalDate lastJudged, Instant now, Tally tally) {
        if (openAlerts.isEmpty()) {
            return List.of();
        }
        Supersession supersession = Supersession.of(
                openAlerts, derived, derivedUnder, lastJudged, () -> derivesAnAlertClosedBefore(derived));
        for (StoredAlert superseded : supersession.superseded()) {
            Alert closed = superseded.alert();
            // it stays recorded under the settings that derived it
            repository.saveAlert(closed, superseded.derivedUnder(), now);
            LOG.info(
                    "alert {} on {} (from {}) closed as superseded: the check under settings {} no longer derives it",
                    closed.id(),
                    closed.series().id(),
                    closed.episodeStart(),
                    derivedUnder);
            AnomalyAlert event =
                    AnomalyAlert.of(Clock.fixed(now, java.time.ZoneOffset.UTC), AnomalyAlert.Transition.CLOSED, closed);
            if (announce(event, now)) {
                tally.closed++;
                metrics.alertClosed(Alert.ClosedBecause.SUPERSEDED);
            }
        }
        return supersession.rederived();
    }

    /** Inserts or updates the episode's alert and writes its OPENED and CLOSED events, each once. */
    private void saveEpisode(SeriesKey key, AlertEpisode episode, Instant now, Tally tally) {
        Alert alert = episode.toAlert(key);
        Optional<Alert> existing = repository.findAlert(alert.id());
        if (existing.isPresent()
                && (existing.get().status() == Alert.Status.CLOSED
                        || existing.get().equals(alert))) {
            return;
        }
        repository.saveAlert(alert, derivedUnder, now);
        Clock at = Clock.fixed(now, java.time.ZoneOffset.UTC);
        if (existing.isEmpty()) {
            // first seen already closed (a run of days arrived at once): it still opened before it closed
            Alert opened = alert.status() == Alert.Status.OPEN
                    ? alert
                    : new Alert(
                            alert.id(),
                            key,
                            Alert.Status.OPEN,
                            alert.episodeStart(),
                            alert.openedOn(),
                            alert.lastAnomalousDate(),
                            null,
                            alert.anomalousDays(),
                            alert.peakZScore(),
                            alert.openedBy(),
                            null);
            AnomalyAlert event = AnomalyAlert.of(at, AnomalyAlert.Transition.OPENED, opened);
            if (announce(event, now)) {
                tally.opened++;
                metrics.alertOpened(episode.openedBy());
            }
        }
        if (alert.status() == Alert.Status.CLOSED) {
            AnomalyAlert event = AnomalyAlert.of(at, AnomalyAlert.Transition.CLOSED, alert);
            if (announce(event, now)) {
                tally.closed++;
                metrics.alertClosed(Alert.ClosedBecause.BACK_INSIDE);
            }
        }
    }

    /**
     * Whether the check derives an open alert whose id is taken by an alert already closed (a rise superseded under
     * other settings and derived again when they were changed back): it cannot be stored, so nothing is superseded for
     * it.
     */
    private boolean derivesAnAlertClosedBefore(Map<UUID, Alert> derived) {
        return derived.values().stream()
                .filter(a -> a.status() == Alert.Status.OPEN)
                .anyMatch(a -> repository
                        .findAlert(a.id())
                        .map(stored -> stored.status() == Alert.Status.CLOSED)
                        .orElse(false));
    }

    /**
     * Records the alert's transition and stages its event, in the check's transaction; once per alert and
     * transition (the event id derives from both).
     *
     * @return whether it is new
     */
    private boolean announce(AnomalyAlert event, Instant now) {
        if (!repository.recordAlertEvent(event, eventJson.write(event), now)) {
            return false;
        }
        publisher.publish(event);
        return true;
    }

    /** Counts of one check. */
    private static final class Tally {
        int days;
        int anomalies;
        int opened;
        int closed;
    }
}
