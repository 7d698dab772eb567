package org.nyc311.controller.quality;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.pipeline.DataQualityAlertView.Kind;
import org.nyc311.controller.quality.DataQualityRules.Finding;
import org.nyc311.model.pipeline.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Judges the feed after each successful run: records the citywide requests of the dates the run rebuilt and its
 * quarantine counts, then raises an alert for each complete day missing or far below its usual level and for a
 * quarantine surge. Judging the same run again (a crash before the run was marked, a retry) raises nothing twice.
 * Each alert is logged as a warning and counted in {@code nyc311.pipeline.data_quality.alerts} by kind, at least once:
 * an alert stored by an attempt that died before logging it is logged by the next judgement.
 */
@Component
public class DataQualityCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DataQualityCheck.class);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final DataQualityRepository repository;
    private final DataQualityRules rules;
    private final DataQualityProperties properties;
    private final MeterRegistry registry;

    public DataQualityCheck(
            DataQualityRepository repository, DataQualityProperties properties, MeterRegistry registry) {
        this.repository = repository;
        this.rules = new DataQualityRules(properties);
        this.properties = properties;
        this.registry = registry;
    }

    /** Judges a successful run's result; returns the alerts it raised now (none for what was raised before). */
    public List<Finding> judge(UUID runId, RunResult result, Instant now) {
        repository.recordCitywide(runId, result.requestsPerDate(), now);
        List<Finding> findings = new ArrayList<>();
        LocalDate latest = result.latestCompleteDate();
        // a job that reports no dates (nothing new, or a delta-jobs from before requestsPerDate) leaves the days as
        // they were: judging them would call every day it did not report missing
        if (latest != null && !result.requestsPerDate().isEmpty()) {
            LocalDate judgedFrom = repository.judgedFrom(latest, now);
            // the same weekdays before the oldest judged day are the baseline
            LocalDate from = latest.minusDays(properties.judgedDays() - 1L).minusWeeks(properties.baselineWeeks());
            findings.addAll(rules.judgeDays(repository.citywideSince(from), latest, judgedFrom));
        }
        RunResult.Silver silver = result.silver();
        if (silver != null) {
            repository.recordQuarantine(runId, silver.recordsIn(), silver.quarantined(), now);
            rules.judgeQuarantine(
                            runId.toString(),
                            silver.recordsIn(),
                            silver.quarantined(),
                            repository.quarantineRatesBefore(
                                    runId, properties.quarantineMinRecords(), properties.quarantineHistoryRuns()))
                    .ifPresent(findings::add);
        }
        return raiseAndLog(findings, runId, now);
    }

    /**
     * Days that should be in gold by now and are not: a day is due {@code late-after} after it ended (New York time),
     * and one due, not before the first judged day, among the {@code judgedDays} newest due, with no requests
     * recorded, is missing even when no run comes at all (the intake or the source down). Nothing before a first run
     * has been judged.
     */
    public List<Finding> judgeLateness(Instant now) {
        Optional<LocalDate> judgedFrom = repository.judgedFrom();
        if (judgedFrom.isEmpty()) {
            return List.of();
        }
        LocalDate due =
                now.minus(properties.lateAfter()).atZone(NEW_YORK).toLocalDate().minusDays(1);
        LocalDate from = due.minusDays(properties.judgedDays() - 1L);
        if (from.isBefore(judgedFrom.get())) {
            from = judgedFrom.get();
        }
        SortedMap<LocalDate, Long> recorded = repository.citywideSince(from);
        List<Finding> late = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(due); day = day.plusDays(1)) {
            if (recorded.getOrDefault(day, 0L) == 0) {
                late.add(new Finding(
                        Kind.MISSING_DAY,
                        day.toString(),
                        day,
                        0,
                        0,
                        day + ": no requests had reached gold by "
                                + now.atZone(NEW_YORK).toLocalDateTime()
                                + " New York time, " + properties.lateAfter().toHours()
                                + " h after the day ended. The intake or the source is late or down: check the"
                                + " ingestion runs before reading the day's series as quiet."));
            }
        }
        return raiseAndLog(late, null, now);
    }

    private List<Finding> raiseAndLog(List<Finding> findings, @Nullable UUID runId, Instant now) {
        List<Finding> raised = new ArrayList<>();
        for (Finding finding : findings) {
            if (repository.raise(finding, runId, now)) {
                raised.add(finding);
            }
        }
        // logged after they are stored, and marked once logged: an attempt that dies in between leaves them to the
        // next judgement, so the alarm, which reads the log, hears of each at least once
        for (DataQualityAlert alert : repository.unnotified()) {
            registry.counter(
                            "nyc311.pipeline.data_quality.alerts",
                            "kind",
                            alert.kind().name())
                    .increment();
            LOG.warn(
                    "data-quality alert {} ({}): {}",
                    alert.kind(),
                    alert.pipelineRunId() == null
                            ? "no run brought the day"
                            : "after pipeline run " + alert.pipelineRunId(),
                    alert.detail());
            repository.markNotified(alert.id(), now);
        }
        return raised;
    }
}
