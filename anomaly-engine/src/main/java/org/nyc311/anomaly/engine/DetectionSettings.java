package org.nyc311.anomaly.engine;

/**
 * What a caller may choose about anomaly detection.
 *
 * <p>A day is <em>anomalous</em> (flagged) only when its actual is above the upper bound of its
 * interval (or below the lower one, with {@code dropsAlert}); that flag is the definition and
 * the one the false positive rate of day flags is measured on, and no setting here changes it. The
 * <b>sustained-rise rule</b> changes only which runs of days open an alert: on series whose 95%
 * intervals are wide (they have to cover storms or a noisy weekday pattern), a rise of +50% can sit
 * inside the interval every day and never make three flags in a row, although three such days
 * together are far outside what the intervals allow for a three-day total. With the rule on, a spike
 * run may also hold <em>raised</em> days: inside the interval, but with a robust z-score of at least
 * {@code sustainedMinZ}. A run of at least {@code consecutiveDays} flagged-or-raised days opens an
 * alert when the sum of its residuals, each capped at its own day's margin {@code upper - yhat}, exceeds the bound of
 * that sum, {@code sqrt(sum of (upper - yhat)^2)}: what the day intervals allow for the run's total at
 * the same level if the days' errors were independent. The cap keeps one storm day from carrying a run
 * of ordinary days; the z threshold keeps days that are not above their usual residual from extending
 * a run. Three flags in a row still open an alert whether the rule is on or off.
 *
 * @param consecutiveDays anomalous days in a row that open an alert (the design's 3); with the
 *                        sustained-rise rule also the shortest run of raised days it judges
 * @param zWindow         how many earlier days' residuals the robust z-score centres and scales by
 * @param dropsAlert      whether drops below the lower bound count toward alerts as spikes do; off by
 *                        default, because a quiet day is rarely something a crew must be sent for
 * @param sustainedRise   whether the sustained-rise rule above may open spike alerts; off by default
 *                        (the evidence rule below is the one that ships). On the test part the rule
 *                        raised the recall of 3-day +50% spikes from 30% to 47% but gave 1.7 false alerts
 *                        per series-year against a target of at most 1 (see docs/BENCHMARKS.md); a series
 *                        with wide intervals may still want it
 * @param sustainedMinZ   the robust z-score from which a day inside the interval is raised (2: a day
 *                        two robust standard deviations above its usual residual); only used with
 *                        {@code sustainedRise}
 * @param evidence        the sequential-evidence rule (a one-sided CUSUM of the days' log-scale residuals), on by
 *                        default on series whose intervals hide a +50% rise, or {@link Evidence#OFF} (see
 *                        {@link #breachRuleOnly()}); see {@link Evidence}
 * @param marginEvidence  the evidence rule on the other series, in units of their intervals' margins: three days above
 *                        their upper bounds on average open an alert; on by default with {@code evidence}; see
 *                        {@link MarginEvidence}
 */
public record DetectionSettings(
        int consecutiveDays,
        int zWindow,
        boolean dropsAlert,
        boolean sustainedRise,
        double sustainedMinZ,
        Evidence evidence,
        MarginEvidence marginEvidence) {

    public static final int DEFAULT_CONSECUTIVE_DAYS = 3;
    public static final int DEFAULT_Z_WINDOW = 28;
    public static final boolean DEFAULT_SUSTAINED_RISE = false;
    public static final double DEFAULT_SUSTAINED_MIN_Z = 2.0;
    public static final boolean DEFAULT_EVIDENCE = true;
    public static final double DEFAULT_EVIDENCE_SLACK = 1.0;
    public static final double DEFAULT_EVIDENCE_THRESHOLD = 4.0;
    public static final double DEFAULT_EVIDENCE_HIDDEN_RISE = 0.5;
    public static final boolean DEFAULT_MARGIN_EVIDENCE = true;
    public static final double DEFAULT_MARGIN_SLACK = 0.5;
    public static final double DEFAULT_MARGIN_CAP = 1.25;
    public static final double DEFAULT_MARGIN_THRESHOLD = 1.0;

    /**
     * The version of the rules {@link AnomalyDetector} applies to these settings. Raise it with any change to how the
     * same days under the same settings become episodes (a rule's logic, a constant such as
     * {@link Evidence#DAY_CAP}), so that a service upgraded to the new rules supersedes the open alerts the old ones
     * derived ({@link #fingerprint()}).
     */
    public static final int RULES_VERSION = 1;

    /**
     * The sequential-evidence rule: a rise that stays inside each day's interval still adds up. Each day's residual is
     * taken on the log scale ({@code log(1 + actual) - log(1 + yhat)}, so that +50% weighs the same on a series of 300
     * and of 7,000), centred and scaled by the median and MAD of the log residuals of the {@code zWindow} days before
     * it that were inside their interval (with the Poisson spread of the expected count as a floor), and capped at
     * {@link #DAY_CAP} so that one storm day cannot open an alert alone; a day forecast below {@link #MIN_LEVEL}
     * counts as usual. The evidence is a one-sided CUSUM: {@code S = max(0, S + min(z, cap) - slack)}. A day with
     * {@code S > 0} continues (or starts) a spike run; the run opens an alert on the day {@code S} reaches
     * {@code threshold}, and ends on the first day back to usual once the alert is open (else when {@code S} is 0).
     * The breach rule (three flags in a row) opens alerts as well, so this rule only ever adds alerts.
     *
     * <p>The rule is for rises the intervals hide. A series whose intervals would flag a rise of {@code hiddenRise}
     * on its own (the median of its upper bounds under {@code (1 + hiddenRise)} times its forecasts, over the
     * z-window's days and the day itself that are forecast at {@link #MIN_LEVEL} or more; a spike run keeps the gate
     * of its first day) is left to the breach rule, which sees such a rise on its first day: there the robust scale of
     * the residuals is much narrower than the calibrated interval (holidays, cold snaps and weather are in the
     * interval, not in the median week's spread), and every false alert of the rule on the real series was citywide's
     * (docs/BENCHMARKS.md). {@code 0} lets every series add evidence.
     *
     * @param on         whether the rule may open alerts
     * @param slack      what a day must exceed, in robust standard deviations, to add evidence (CUSUM's k)
     * @param threshold  the evidence that opens an alert (CUSUM's h)
     * @param hiddenRise the smallest rise (0.5: +50%) the series' intervals must hide for its days to add evidence
     */
    public record Evidence(boolean on, double slack, double threshold, double hiddenRise) {

        /** The most one day adds before its slack: below the threshold, so one day never opens an alert alone. */
        public static final double DAY_CAP = 2.5;
        /**
         * The smallest forecast (requests a day) at which a day adds evidence. Below it a count is a few requests, whose
         * log residual is Poisson noise and weather: on street flooding (4 a day) the rule's alerts on the development
         * window were all storm clusters, while the breach rule raised none (docs/BENCHMARKS.md).
         */
        public static final double MIN_LEVEL = 20;

        public static final Evidence OFF =
                new Evidence(false, DEFAULT_EVIDENCE_SLACK, DEFAULT_EVIDENCE_THRESHOLD, DEFAULT_EVIDENCE_HIDDEN_RISE);

        public Evidence {
            if (!Double.isFinite(slack) || slack < 0) {
                throw new IllegalArgumentException("the evidence slack must be finite and >= 0, was " + slack);
            }
            if (!Double.isFinite(threshold) || threshold <= DAY_CAP - slack) {
                throw new IllegalArgumentException("the evidence threshold must be above what one day can add ("
                        + (DAY_CAP - slack) + "), was " + threshold);
            }
            if (!Double.isFinite(hiddenRise) || hiddenRise < 0) {
                throw new IllegalArgumentException("the hidden rise must be finite and >= 0, was " + hiddenRise);
            }
        }

        public static Evidence on(double slack, double threshold) {
            return new Evidence(true, slack, threshold, DEFAULT_EVIDENCE_HIDDEN_RISE);
        }

        public Evidence withHiddenRise(double rise) {
            return new Evidence(on, slack, threshold, rise);
        }
    }

    /**
     * The evidence rule on the series {@link Evidence} leaves to the breach rule: those whose intervals would show a
     * rise of {@link Evidence#hiddenRise()} on its own (citywide totals, with an upper bound a quarter above the
     * forecast). There the robust spread of the residuals is far narrower than the interval (holidays and weather are
     * in the interval, not in the median week), so evidence in robust units turns holiday weeks into alerts; in units
     * of the interval's own margin it counts only days that come near their upper bound or beyond it. A day's score is
     * its log residual over its interval's log margin, {@code (log(1 + actual) - log(1 + yhat)) / (log(1 + upper) -
     * log(1 + yhat))}: 1 on the upper bound. Each day counts between 0 and {@code cap}; the alert opens when the spike
     * run's days among the last {@code consecutiveDays} count, on average over those {@code consecutiveDays}, at least
     * {@code threshold}: with the defaults, <b>three days above their upper bounds on average</b>, where the breach
     * rule wants each of them above. A rise of +20%, +40%, +60% a day on a series whose bound is +27% is alerted on its
     * third day, when three breaches in a row wait for its fourth; two storm days (each counted as 1.25 at most) need
     * a third day of the run at least half-way to its bound, and fewer than {@code consecutiveDays} days never open
     * it (a day counts at most {@code cap}, under {@code consecutiveDays} times the threshold by default). A day scoring
     * above {@code slack} continues (or starts) the spike run; the rule only ever adds alerts.
     *
     * <p>A window, not a CUSUM as {@link Evidence}: a CUSUM with a slack low enough to see a ramp's first day adds up a
     * week of days a little above their forecasts (a holiday week), which is what the margin is there to discount
     * (docs/BENCHMARKS.md, "Evidence in the intervals' margins").
     *
     * @param on        whether the rule may open alerts (only with {@link Evidence#on()})
     * @param slack     the share of its margin above which a day continues (or starts) a spike run, and may open its
     *                  alert
     * @param cap       the most one day counts, in margins, so that storm days cannot open an alert with quiet ones
     * @param threshold the average over the last {@code consecutiveDays} days, in margins, of the run's capped scores
     *                  that opens an alert (1: on the upper bound)
     */
    public record MarginEvidence(boolean on, double slack, double cap, double threshold) {

        public static final MarginEvidence OFF =
                new MarginEvidence(false, DEFAULT_MARGIN_SLACK, DEFAULT_MARGIN_CAP, DEFAULT_MARGIN_THRESHOLD);

        public MarginEvidence {
            if (!Double.isFinite(slack) || slack < 0) {
                throw new IllegalArgumentException("the margin slack must be finite and >= 0, was " + slack);
            }
            if (!Double.isFinite(cap) || cap <= slack) {
                throw new IllegalArgumentException(
                        "the margin cap must be above the slack (" + slack + "), was " + cap);
            }
            if (!Double.isFinite(threshold) || threshold <= 0 || threshold > cap) {
                throw new IllegalArgumentException("the margin threshold must be above 0 and at most the cap (" + cap
                        + ", or no run could reach it), was " + threshold);
            }
        }

        public static MarginEvidence on(double slack, double cap, double threshold) {
            return new MarginEvidence(true, slack, cap, threshold);
        }
    }

    public DetectionSettings {
        java.util.Objects.requireNonNull(evidence, "evidence");
        java.util.Objects.requireNonNull(marginEvidence, "marginEvidence");
        if (consecutiveDays < 1) {
            throw new IllegalArgumentException("consecutive days must be at least 1, was " + consecutiveDays);
        }
        if (zWindow < 1) {
            throw new IllegalArgumentException("the z-score window must be at least 1 day, was " + zWindow);
        }
        if (!Double.isFinite(sustainedMinZ) || sustainedMinZ < 0) {
            throw new IllegalArgumentException(
                    "the sustained-rise z threshold must be finite and >= 0, was " + sustainedMinZ);
        }
    }

    /**
     * Three spikes in a row open an alert; z-scores over the last four weeks; drops do not alert; the
     * sequential-evidence rule is on (slack 1, threshold 4) on series whose intervals hide a +50% rise, and on the
     * others in their intervals' margins (three days above their bounds on average, each counted at most 1.25); the
     * sustained-rise rule is off (its z threshold, when turned on, is 2).
     */
    public static DetectionSettings defaults() {
        return new DetectionSettings(
                DEFAULT_CONSECUTIVE_DAYS,
                DEFAULT_Z_WINDOW,
                false,
                DEFAULT_SUSTAINED_RISE,
                DEFAULT_SUSTAINED_MIN_Z,
                new Evidence(
                        DEFAULT_EVIDENCE,
                        DEFAULT_EVIDENCE_SLACK,
                        DEFAULT_EVIDENCE_THRESHOLD,
                        DEFAULT_EVIDENCE_HIDDEN_RISE),
                new MarginEvidence(
                        DEFAULT_MARGIN_EVIDENCE, DEFAULT_MARGIN_SLACK, DEFAULT_MARGIN_CAP, DEFAULT_MARGIN_THRESHOLD));
    }

    /** The rule alone: three days above the upper bound in a row, nothing else opens an alert. */
    public static DetectionSettings breachRuleOnly() {
        return defaults().withEvidence(Evidence.OFF).withMarginEvidence(MarginEvidence.OFF);
    }

    /**
     * A short name for these settings under {@link #RULES_VERSION}: equal for equal settings, different when any
     * setting that can change the episodes differs. A rule's parameters count only while the rule is on (changing the
     * slack of a rule that is off changes nothing). anomaly-service stores it with each alert, and closes an open alert
     * it no longer derives as superseded only when it was derived under another fingerprint: under unchanged settings a
     * check that does not derive an open alert (it read less of the series than the check before) leaves it open.
     *
     * @return 16 hexadecimal digits of the SHA-256 of the settings written out
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder()
                .append("rules=")
                .append(RULES_VERSION)
                .append(";consecutive-days=")
                .append(consecutiveDays)
                .append(";z-window=")
                .append(zWindow)
                .append(";drops-alert=")
                .append(dropsAlert)
                .append(";sustained-rise=")
                .append(sustainedRise ? "on(" + sustainedMinZ + ")" : "off")
                .append(";evidence=");
        if (evidence.on()) {
            canonical
                    .append("on(")
                    .append(evidence.slack())
                    .append(',')
                    .append(evidence.threshold())
                    .append(',')
                    .append(evidence.hiddenRise())
                    .append(");margin-evidence=")
                    .append(
                            marginEvidence.on()
                                    ? "on(" + marginEvidence.slack() + "," + marginEvidence.cap() + ","
                                            + marginEvidence.threshold() + ")"
                                    : "off");
        } else {
            // the margin rule runs inside the evidence rule: off with it, whatever its own switch says
            canonical.append("off");
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public DetectionSettings withConsecutiveDays(int days) {
        return new DetectionSettings(days, zWindow, dropsAlert, sustainedRise, sustainedMinZ, evidence, marginEvidence);
    }

    public DetectionSettings withZWindow(int days) {
        return new DetectionSettings(
                consecutiveDays, days, dropsAlert, sustainedRise, sustainedMinZ, evidence, marginEvidence);
    }

    public DetectionSettings withDropsAlert(boolean alert) {
        return new DetectionSettings(
                consecutiveDays, zWindow, alert, sustainedRise, sustainedMinZ, evidence, marginEvidence);
    }

    public DetectionSettings withSustainedRise(boolean on) {
        return new DetectionSettings(consecutiveDays, zWindow, dropsAlert, on, sustainedMinZ, evidence, marginEvidence);
    }

    public DetectionSettings withSustainedMinZ(double z) {
        return new DetectionSettings(consecutiveDays, zWindow, dropsAlert, sustainedRise, z, evidence, marginEvidence);
    }

    public DetectionSettings withMarginEvidence(MarginEvidence rule) {
        return new DetectionSettings(
                consecutiveDays, zWindow, dropsAlert, sustainedRise, sustainedMinZ, evidence, rule);
    }

    public DetectionSettings withEvidence(Evidence rule) {
        return new DetectionSettings(
                consecutiveDays, zWindow, dropsAlert, sustainedRise, sustainedMinZ, rule, marginEvidence);
    }
}
