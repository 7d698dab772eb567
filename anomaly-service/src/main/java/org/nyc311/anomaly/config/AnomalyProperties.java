package org.nyc311.anomaly.config;

import org.jspecify.annotations.Nullable;
import org.nyc311.anomaly.engine.DetectionSettings;
import org.nyc311.model.event.EventQueue;
import org.nyc311.service.messaging.QueueNames;
import org.nyc311.service.outbox.OutboxSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What detection does, under {@code nyc311.anomaly}.
 *
 * @param consecutiveDays anomalous days in a row that open an alert (3)
 * @param zWindow         earlier days whose residuals centre and scale the robust z-score (28)
 * @param dropsAlert      whether drops below the lower bound count toward alerts (off: they are only recorded)
 * @param sustainedRise   whether a run of days inside the interval but raised (z-score at least
 *                        {@code sustainedMinZ}) whose total is beyond what the intervals allow also opens
 *                        an alert (anomaly-engine's sustained-rise rule; off unless set to true: it
 *                        raised recall on wide-interval series but also false alerts, see
 *                        docs/BENCHMARKS.md). Day anomalies are still only the days outside their interval.
 * @param sustainedMinZ   the z-score from which a day inside the interval is raised (2)
 * @param maxLookbackDays days before the first unchecked day that detection reads as context at most (120)
 * @param checkVisibilityTimeout how long a ForecastsPublished being checked stays invisible on its queue: a
 *                        check of many series can outlast the queue's default, and SQS would hand the
 *                        message to another consumer meanwhile (5 min)
 * @param queues          the SQS queues in and out
 * @param outboxRetryInterval how often AnomalyAlert events SQS refused are sent again from the outbox (60 s)
 * @param evidence        anomaly-engine's sequential-evidence rule ({@code enabled}, {@code slack}, {@code threshold},
 *                        {@code hidden-rise}):
 *                        a CUSUM of the days' log residuals that opens an alert when a rise adds up before three days
 *                        breach; its defaults are anomaly-engine's ({@link DetectionSettings.Evidence})
 * @param marginEvidence  the same rule on the series whose intervals would show the rise ({@code enabled}, {@code slack},
 *                        {@code cap}, {@code threshold}, in their intervals' margins): three days above their upper
 *                        bounds on average open an alert; only with {@code evidence} on; defaults anomaly-engine's
 *                        ({@link DetectionSettings.MarginEvidence})
 * @param judgeRunsBefore whether the later days of a rising run are judged against the forecast stored for the
 *                        morning the run began, not against forecasts refitted on its first days (off)
 */
@ConfigurationProperties("nyc311.anomaly")
public record AnomalyProperties(
        int consecutiveDays,
        int zWindow,
        boolean dropsAlert,
        Boolean sustainedRise,
        Double sustainedMinZ,
        int maxLookbackDays,
        java.time.Duration checkVisibilityTimeout,
        Queues queues,
        java.time.Duration outboxRetryInterval,
        Evidence evidence,
        MarginEvidence marginEvidence,
        Boolean judgeRunsBefore)
        implements OutboxSettings {

    public AnomalyProperties(
            int consecutiveDays,
            int zWindow,
            boolean dropsAlert,
            @Nullable Boolean sustainedRise,
            @Nullable Double sustainedMinZ,
            int maxLookbackDays,
            java.time.@Nullable Duration checkVisibilityTimeout,
            @Nullable Queues queues,
            java.time.@Nullable Duration outboxRetryInterval,
            @Nullable Evidence evidence,
            @Nullable MarginEvidence marginEvidence,
            @Nullable Boolean judgeRunsBefore) {
        this.consecutiveDays = consecutiveDays <= 0 ? DetectionSettings.DEFAULT_CONSECUTIVE_DAYS : consecutiveDays;
        this.zWindow = zWindow <= 0 ? DetectionSettings.DEFAULT_Z_WINDOW : zWindow;
        this.sustainedRise = sustainedRise == null ? DetectionSettings.DEFAULT_SUSTAINED_RISE : sustainedRise;
        this.sustainedMinZ = sustainedMinZ == null ? DetectionSettings.DEFAULT_SUSTAINED_MIN_Z : sustainedMinZ;
        this.maxLookbackDays = maxLookbackDays <= 0 ? 120 : maxLookbackDays;
        this.checkVisibilityTimeout =
                checkVisibilityTimeout == null ? java.time.Duration.ofMinutes(5) : checkVisibilityTimeout;
        this.queues = queues == null ? new Queues(null, null) : queues;
        this.outboxRetryInterval = outboxRetryInterval == null ? java.time.Duration.ofSeconds(60) : outboxRetryInterval;
        this.evidence = evidence == null ? new Evidence(null, null, null, null) : evidence;
        this.marginEvidence = marginEvidence == null ? new MarginEvidence(null, null, null, null) : marginEvidence;
        this.judgeRunsBefore = judgeRunsBefore != null && judgeRunsBefore;
        this.dropsAlert = dropsAlert;
    }

    public DetectionSettings detectionSettings() {
        return new DetectionSettings(
                consecutiveDays,
                zWindow,
                dropsAlert,
                sustainedRise,
                sustainedMinZ,
                new DetectionSettings.Evidence(
                        evidence.enabled(), evidence.slack(), evidence.threshold(), evidence.hiddenRise()),
                new DetectionSettings.MarginEvidence(
                        marginEvidence.enabled(),
                        marginEvidence.slack(),
                        marginEvidence.cap(),
                        marginEvidence.threshold()));
    }

    /**
     * What this service's alerts are derived under, stored with each: the detector's settings and rules
     * ({@link DetectionSettings#fingerprint()}), and whether a run's later days are judged by the forecast made before
     * it began, which changes the verdicts too.
     */
    public String derivedUnder() {
        String settings = detectionSettings().fingerprint();
        return judgeRunsBefore ? settings + "+runs-judged-before" : settings;
    }

    /** The margin rule's settings, each defaulting to anomaly-engine's. */
    public record MarginEvidence(Boolean enabled, Double slack, Double cap, Double threshold) {
        public MarginEvidence(
                @Nullable Boolean enabled, @Nullable Double slack, @Nullable Double cap, @Nullable Double threshold) {
            this.enabled = enabled == null ? DetectionSettings.DEFAULT_MARGIN_EVIDENCE : enabled;
            this.slack = slack == null ? DetectionSettings.DEFAULT_MARGIN_SLACK : slack;
            this.cap = cap == null ? DetectionSettings.DEFAULT_MARGIN_CAP : cap;
            this.threshold = threshold == null ? DetectionSettings.DEFAULT_MARGIN_THRESHOLD : threshold;
        }
    }

    /** The sequential-evidence rule's settings, each defaulting to anomaly-engine's. */
    public record Evidence(Boolean enabled, Double slack, Double threshold, Double hiddenRise) {
        public Evidence(
                @Nullable Boolean enabled,
                @Nullable Double slack,
                @Nullable Double threshold,
                @Nullable Double hiddenRise) {
            this.enabled = enabled == null ? DetectionSettings.DEFAULT_EVIDENCE : enabled;
            this.slack = slack == null ? DetectionSettings.DEFAULT_EVIDENCE_SLACK : slack;
            this.threshold = threshold == null ? DetectionSettings.DEFAULT_EVIDENCE_THRESHOLD : threshold;
            this.hiddenRise = hiddenRise == null ? DetectionSettings.DEFAULT_EVIDENCE_HIDDEN_RISE : hiddenRise;
        }
    }

    /** Queue names; the defaults are shared-model's {@link EventQueue} names. */
    public record Queues(String forecastsPublished, String anomalyAlert) implements QueueNames {
        public Queues(@Nullable String forecastsPublished, @Nullable String anomalyAlert) {
            this.forecastsPublished = QueueNames.orDefault(forecastsPublished, EventQueue.FORECASTS_PUBLISHED);
            this.anomalyAlert = QueueNames.orDefault(anomalyAlert, EventQueue.ANOMALY_ALERT);
        }
    }
}
