package org.nyc311.anomaly.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.anomaly.Anomaly;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.SeriesKey;

class AnomalyDetectorTest {

    private static final LocalDate START = LocalDate.of(2024, 3, 1);
    private final AnomalyDetector detector = new AnomalyDetector(DetectionSettings.breachRuleOnly());
    private final AnomalyDetector sustained =
            new AnomalyDetector(DetectionSettings.breachRuleOnly().withSustainedRise(true));

    /** Days with interval [80, 120] around 100; 'S' is a spike (150), 'D' a drop (50), '.' inside (100 +- a little). */
    static List<ObservedDay> days(String pattern) {
        List<ObservedDay> out = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            double actual = switch (pattern.charAt(i)) {
                case 'S' -> 150;
                case 'D' -> 50;
                default -> 100 + (i % 3) - 1;
            };
            out.add(new ObservedDay(START.plusDays(i), actual, 100, 80, 120));
        }
        return out;
    }

    @Test
    void threeSpikesInARowOpenExactlyOneAlertWhichClosesWhenBackInside() {
        Detection d = detector.detect(days("..........SSS..."));

        assertThat(d.episodes()).hasSize(1);
        AlertEpisode alert = d.episodes().get(0);
        assertThat(alert.episodeStart()).isEqualTo(START.plusDays(10));
        assertThat(alert.openedOn()).isEqualTo(START.plusDays(12));
        assertThat(alert.lastAnomalousDate()).isEqualTo(START.plusDays(12));
        assertThat(alert.closedOn()).contains(START.plusDays(13));
        assertThat(alert.anomalousDays()).isEqualTo(3);
        assertThat(alert.openedBy()).isEqualTo(AlertEpisode.OpenedBy.BREACHES);
        assertThat(d.days().stream().filter(DayVerdict::alertOpened).map(DayVerdict::date))
                .containsExactly(START.plusDays(12));
        assertThat(d.days().stream().filter(DayVerdict::anomalous)).hasSize(3);
    }

    @Test
    void anEpisodesOwnDaysDoNotSoftenTheSeverityOfItsLaterDays() {
        // a short context, as a service has after its first forecasts: three days, then a spike of +50 each day
        Detection d = detector.detect(days("...SSS"));

        List<Double> z = d.days().subList(3, 6).stream().map(DayVerdict::zScore).toList();
        assertThat(z.get(2))
                .as("the third spike day is as severe as the first")
                .isCloseTo(z.get(0), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(z).allSatisfy(score -> assertThat(score).isGreaterThan(4));
    }

    @Test
    void aLongEpisodeIsStillOneAlert() {
        Detection d = detector.detect(days("....SSSSSSSSSS.."));

        assertThat(d.episodes()).hasSize(1);
        assertThat(d.episodes().get(0).anomalousDays()).isEqualTo(10);
        assertThat(d.days().stream().filter(DayVerdict::alertOpened)).hasSize(1);
        assertThat(d.alertOpenOn(START.plusDays(13))).isTrue();
        assertThat(d.alertOpenOn(START.plusDays(14)))
                .as("closed the day it is back inside")
                .isFalse();
    }

    @Test
    void twoDaySpikesNeverAlert() {
        Detection d = detector.detect(days("..SS..SS.SS...SS.S"));

        assertThat(d.episodes()).isEmpty();
        assertThat(d.days().stream().filter(DayVerdict::alertOpened)).isEmpty();
        assertThat(d.days().stream().filter(DayVerdict::anomalous)).hasSize(9);
    }

    @Test
    void dropsAreRecordedButDoNotAlertByDefault() {
        Detection d = detector.detect(days("...DDDDD..."));

        assertThat(d.episodes()).isEmpty();
        assertThat(d.days())
                .filteredOn(v -> v.breach() == Breach.DROP)
                .hasSize(5)
                .allSatisfy(v -> assertThat(v.anomalous()).isFalse());
    }

    @Test
    void dropsAlertWhenConfiguredAndADropEndsASpikeRun() {
        AnomalyDetector withDrops =
                new AnomalyDetector(DetectionSettings.breachRuleOnly().withDropsAlert(true));

        Detection d = withDrops.detect(days("..DDD..SSDDD."));

        assertThat(d.episodes())
                .extracting(AlertEpisode::episodeStart)
                .containsExactly(START.plusDays(2), START.plusDays(9));
        assertThat(d.episodes().get(1).peakZScore())
                .as("a drop episode's peak is its most negative z")
                .isNegative();
    }

    @Test
    void theNumberOfDaysInARowIsConfigurable() {
        AnomalyDetector twoDays =
                new AnomalyDetector(DetectionSettings.breachRuleOnly().withConsecutiveDays(2));

        assertThat(twoDays.detect(days("..SS...S..")).episodes()).hasSize(1);
    }

    @Test
    void anEpisodeStillRunningAtTheEndStaysOpen() {
        Detection d = detector.detect(days(".....SSSS"));

        assertThat(d.episodes()).singleElement().satisfies(e -> {
            assertThat(e.isOpen()).isTrue();
            assertThat(e.closedOn()).isEmpty();
        });
    }

    @Test
    void runningTwiceOnTheSameDaysGivesTheSameVerdictsAndAlertIds() {
        List<ObservedDay> input = days("..SSS....SSSSS..D.S");
        SeriesKey key = SeriesKey.of("noise-residential", Borough.BROOKLYN);

        Detection first = detector.detect(input);
        Detection second = new AnomalyDetector(DetectionSettings.breachRuleOnly()).detect(List.copyOf(input));

        assertThat(second).isEqualTo(first);
        assertThat(second.episodes().stream().map(e -> e.toAlert(key)).toList())
                .isEqualTo(first.episodes().stream().map(e -> e.toAlert(key)).toList());
    }

    @Test
    void anAlertKeepsItsIdWhenLaterDaysExtendOrCloseIt() {
        SeriesKey key = SeriesKey.citywide();
        Alert open = detector.detect(days("...SSS")).episodes().get(0).toAlert(key);
        Alert closed = detector.detect(days("...SSSSS.")).episodes().get(0).toAlert(key);

        assertThat(closed.id()).isEqualTo(open.id());
        assertThat(open.status()).isEqualTo(Alert.Status.OPEN);
        assertThat(closed.status()).isEqualTo(Alert.Status.CLOSED);
        assertThat(closed.closedOn()).isEqualTo(START.plusDays(8));
        assertThat(closed.anomalousDays()).isEqualTo(5);
    }

    @Test
    void mapsBreachesToSharedModelAnomaliesWithTheirDirection() {
        SeriesKey key = SeriesKey.of("noise-residential", Borough.BROOKLYN);
        Detection d = detector.detect(days(".SD"));

        assertThat(d.days().get(0).toAnomaly(key, "run-1")).isEmpty();
        Optional<Anomaly> spike = d.days().get(1).toAnomaly(key, "run-1");
        assertThat(spike).get().satisfies(a -> {
            assertThat(a.direction()).isEqualTo(Anomaly.Direction.SPIKE);
            assertThat(a.actual()).isEqualTo(150);
            assertThat(a.upper()).isEqualTo(120);
            assertThat(a.zScore()).isPositive();
            assertThat(a.forecastRunId()).isEqualTo("run-1");
        });
        assertThat(d.days().get(2).toAnomaly(key, "run-1"))
                .get()
                .extracting(Anomaly::direction)
                .isEqualTo(Anomaly.Direction.DROP);
    }

    @Test
    void rejectsDaysThatAreNotConsecutive() {
        List<ObservedDay> gap = new ArrayList<>(days("...."));
        gap.remove(2);

        assertThatThrownBy(() -> detector.detect(gap))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consecutive")
                .hasMessageContaining(START.plusDays(2).toString());
    }

    @Test
    void anActualOnTheBoundIsInside() {
        ObservedDay onUpper = new ObservedDay(START, 120, 100, 80, 120);
        ObservedDay onLower = new ObservedDay(START, 80, 100, 80, 120);

        assertThat(onUpper.breach()).isEqualTo(Breach.NONE);
        assertThat(onLower.breach()).isEqualTo(Breach.NONE);
    }

    /**
     * Days with a wide interval [0, 200] around 100 (margin 100, as on a series whose intervals must
     * cover storms), usual days 99-101 (so a z-score's scale is the floor, sqrt(100) = 10), then the
     * given actuals.
     */
    static List<ObservedDay> wideThen(double... actuals) {
        List<ObservedDay> out = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            out.add(new ObservedDay(START.plusDays(i), 100 + (i % 3) - 1, 100, 0, 200));
        }
        for (int j = 0; j < actuals.length; j++) {
            out.add(new ObservedDay(START.plusDays(28 + j), actuals[j], 100, 0, 200));
        }
        return out;
    }

    @Test
    void sustainedRiseInsideTheIntervalOpensAnAlert() {
        // +70 a day: z = 7, inside the interval; three days add up to 210 > sqrt(3) * 100 = 173
        Detection d = sustained.detect(wideThen(170, 170, 170, 101, 100));

        assertThat(d.days()).noneMatch(DayVerdict::anomalous);
        assertThat(d.days())
                .filteredOn(DayVerdict::raised)
                .extracting(DayVerdict::date)
                .containsExactly(START.plusDays(28), START.plusDays(29), START.plusDays(30));
        assertThat(d.episodes()).singleElement().satisfies(e -> {
            assertThat(e.episodeStart()).isEqualTo(START.plusDays(28));
            assertThat(e.openedOn()).isEqualTo(START.plusDays(30));
            assertThat(e.closedOn()).as("closes when back to usual").contains(START.plusDays(31));
            assertThat(e.anomalousDays()).isEqualTo(3);
            assertThat(e.peakZScore()).isGreaterThan(6);
            assertThat(e.openedBy()).isEqualTo(AlertEpisode.OpenedBy.SUSTAINED_RISE);
        });
        assertThat(d.days().get(29).toAnomaly(SeriesKey.citywide(), "run-1"))
                .as("a raised day is not an anomaly record: it never breached")
                .isEmpty();
    }

    @Test
    void withTheSustainedRiseRuleOffOnlyBreachesCount() {
        AnomalyDetector breachesOnly =
                new AnomalyDetector(DetectionSettings.breachRuleOnly().withSustainedRise(false));

        Detection d = breachesOnly.detect(wideThen(170, 170, 170, 170, 100));

        assertThat(d.episodes()).isEmpty();
        assertThat(d.days()).noneMatch(DayVerdict::raised);
    }

    @Test
    void aSmallerSustainedRiseNeedsALongerRun() {
        // +45 a day (z = 4.5): 135 after three days (bound sqrt(3) * 100 = 173), 180 after four (bound 200),
        // 225 after five (bound 224)
        Detection d = sustained.detect(wideThen(145, 145, 145, 145, 145, 100));

        assertThat(d.episodes()).singleElement().satisfies(e -> {
            assertThat(e.episodeStart()).isEqualTo(START.plusDays(28));
            assertThat(e.openedOn()).isEqualTo(START.plusDays(32));
        });
        assertThat(sustained.detect(wideThen(145, 145, 145, 145, 100)).episodes())
                .as("four days of +45 stay within what the intervals allow for four days")
                .isEmpty();
    }

    @Test
    void oneStormDayDoesNotCarryARunOfOrdinaryDays() {
        // a storm (+400, flagged) then two days just raised (+21, z = 2.1): uncapped they would add up to
        // 442 > 173; capped at its margin the storm counts 100, and 100 + 42 < 173
        Detection d = sustained.detect(wideThen(500, 121, 121, 100));

        assertThat(d.days().get(28).anomalous()).isTrue();
        assertThat(d.days().subList(29, 31)).allMatch(DayVerdict::raised);
        assertThat(d.episodes()).isEmpty();
    }

    @Test
    void aDayBackToItsUsualResidualEndsASustainedRun() {
        // z = 0.5 on the third day: the run restarts, and two days of +70 never make three
        Detection d = sustained.detect(wideThen(170, 170, 105, 170, 170, 100));

        assertThat(d.episodes()).isEmpty();
        assertThat(d.days().get(30).raised()).isFalse();
    }

    @Test
    void aRaisedDayBetweenTwoFlagsJoinsThemIntoOneRun() {
        // flag, raised, flag: not three flags in a row, but capped at the margin 100 + 70 + 100 = 270 > 173
        Detection d = sustained.detect(wideThen(300, 170, 300, 100));

        assertThat(d.episodes()).singleElement().satisfies(e -> {
            assertThat(e.openedOn()).isEqualTo(START.plusDays(30));
            assertThat(e.anomalousDays()).isEqualTo(3);
        });
        assertThat(d.days().stream().filter(DayVerdict::anomalous)).hasSize(2);
        AnomalyDetector breachesOnly =
                new AnomalyDetector(DetectionSettings.breachRuleOnly().withSustainedRise(false));
        assertThat(breachesOnly.detect(wideThen(300, 170, 300, 100)).episodes()).isEmpty();
    }

    @Test
    void theSustainedRiseThresholdIsConfigurableAndChecked() {
        AnomalyDetector strict = new AnomalyDetector(
                DetectionSettings.breachRuleOnly().withSustainedRise(true).withSustainedMinZ(8));

        assertThat(strict.detect(wideThen(170, 170, 170, 100)).episodes()).isEmpty();
        assertThatThrownBy(() -> DetectionSettings.breachRuleOnly().withSustainedMinZ(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("z threshold");
        assertThatThrownBy(() -> DetectionSettings.breachRuleOnly().withSustainedMinZ(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The detector as shipped: the evidence rule is on by default. */
    private final AnomalyDetector evidence = new AnomalyDetector(DetectionSettings.defaults());

    @Test
    void theShippedDefaultsAddUpEvidenceOnSeriesWhoseIntervalsHideAFiftyPercentRise() {
        assertThat(DetectionSettings.defaults().evidence())
                .isEqualTo(DetectionSettings.Evidence.on(1.0, 4.0))
                .extracting(DetectionSettings.Evidence::hiddenRise)
                .isEqualTo(0.5);
        assertThat(DetectionSettings.breachRuleOnly().evidence().on()).isFalse();
        assertThat(DetectionSettings.defaults().marginEvidence())
                .isEqualTo(DetectionSettings.MarginEvidence.on(0.5, 1.25, 1.0));
        assertThat(DetectionSettings.breachRuleOnly().marginEvidence().on()).isFalse();
    }

    /**
     * 28 usual days around a forecast of 200 with a wide interval [0, 400] (actuals 190, 200, 210: log residuals of
     * about -0.05, 0 and +0.05, a robust spread of about 0.07), then the given actuals against the same forecast.
     */
    static List<ObservedDay> levelThen(double... actuals) {
        return usualDaysThen(0, 400, actuals);
    }

    @Test
    void evidenceOfARiseInsideTheIntervalAddsUpToAnAlertBeforeAnyDayBreaches() {
        // +50% a day: far above the usual residual (capped at 2.5), so 1.5 of evidence a day: 1.5, 3.0, 4.5 >= 4
        Detection d = evidence.detect(levelThen(300, 300, 300, 300, 200, 200, 200));

        assertThat(d.days()).noneMatch(DayVerdict::anomalous);
        assertThat(d.days().subList(28, 31)).extracting(DayVerdict::evidence).containsExactly(1.5, 3.0, 4.5);
        assertThat(d.episodes()).singleElement().satisfies(e -> {
            assertThat(e.episodeStart()).isEqualTo(START.plusDays(28));
            assertThat(e.openedOn())
                    .as("the third day, with no day above its upper bound")
                    .isEqualTo(START.plusDays(30));
            assertThat(e.closedOn()).as("on the first day back to usual").contains(START.plusDays(32));
            assertThat(e.openedBy()).isEqualTo(AlertEpisode.OpenedBy.EVIDENCE);
        });
        assertThat(new AnomalyDetector(DetectionSettings.breachRuleOnly())
                        .detect(levelThen(300, 300, 300, 300))
                        .episodes())
                .as("the breach rule alone never sees it")
                .isEmpty();
    }

    @Test
    void aRunThatBreachesThreeDaysInARowIsOpenedByTheBreachRuleThoughItsEvidenceAddsUpToo() {
        Detection d = evidence.detect(levelThen(500, 500, 500, 200));

        assertThat(d.days().get(30).evidence()).isGreaterThanOrEqualTo(4);
        assertThat(d.episodes()).singleElement().satisfies(e -> {
            assertThat(e.openedOn()).isEqualTo(START.plusDays(30));
            assertThat(e.openedBy()).isEqualTo(AlertEpisode.OpenedBy.BREACHES);
            assertThat(e.openedBy().tag()).isEqualTo("breaches");
        });
    }

    @Test
    void oneStormDayNeverOpensAnAlertOnEvidenceAlone() {
        Detection d = evidence.detect(levelThen(4000, 200, 200, 200));

        assertThat(d.days().get(28).anomalous()).isTrue();
        assertThat(d.days().get(28).evidence()).isEqualTo(DetectionSettings.Evidence.DAY_CAP - 1.0);
        assertThat(d.episodes()).isEmpty();
    }

    @Test
    void ordinaryDaysAddNoEvidence() {
        Detection d = evidence.detect(levelThen(190, 200, 210, 200, 190, 210, 200));

        assertThat(d.days().subList(28, d.days().size()))
                .allMatch(v -> v.evidence() == 0.0)
                .noneMatch(DayVerdict::raised);
        assertThat(d.episodes()).isEmpty();
    }

    @Test
    void aSmallSeriesAddsNoEvidence() {
        // a forecast of 4 a day with an interval covering storms: +100% for days is weather, not a warning
        List<ObservedDay> days = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            days.add(new ObservedDay(START.plusDays(i), 3 + i % 3, 4, 0, 60));
        }
        for (int j = 0; j < 5; j++) {
            days.add(new ObservedDay(START.plusDays(28 + j), 9, 4, 0, 60));
        }

        Detection d = evidence.detect(days);

        assertThat(d.days()).allMatch(v -> v.evidence() == 0.0);
        assertThat(d.episodes()).isEmpty();
    }

    @Test
    void aSeriesWhoseIntervalsWouldFlagTheRiseOnItsFirstDayIsLeftToTheBreachRule() {
        // a forecast of 200 with an upper bound of 260 (1.3 x): a +50% day breaches on its own, and the median week's
        // spread (holidays and weather live in the interval, not in it) would make +25% look like evidence
        List<ObservedDay> days = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            days.add(new ObservedDay(START.plusDays(i), 190 + 10 * (i % 3), 200, 140, 260));
        }
        for (int j = 0; j < 5; j++) {
            days.add(new ObservedDay(START.plusDays(28 + j), 250, 200, 140, 260));
        }

        AnomalyDetector robustOnly = new AnomalyDetector(
                DetectionSettings.defaults().withMarginEvidence(DetectionSettings.MarginEvidence.OFF));
        assertThat(robustOnly.detect(days).days())
                .as("+25% for five days inside a 1.3 x interval")
                .allMatch(v -> v.evidence() == 0.0)
                .noneMatch(DayVerdict::raised);
        assertThat(evidence.detect(days).episodes())
                .as("counted in margins, +25% is 0.85 of the way to the bound: three such days are not three breaches")
                .isEmpty();
        AnomalyDetector everySeries = new AnomalyDetector(DetectionSettings.breachRuleOnly()
                .withEvidence(DetectionSettings.Evidence.on(1.0, 4.0).withHiddenRise(0)));
        assertThat(everySeries.detect(days).episodes())
                .as("with the gate off, the same days add up to an alert")
                .singleElement()
                .satisfies(e -> assertThat(e.openedOn()).isEqualTo(START.plusDays(30)));
    }

    @Test
    void theGateFollowsTheMedianIntervalOfTheWindowNotOneNarrowDay() {
        // wide intervals (2 x), then a rise of +50% whose second day has a narrow one (1.3 x) and breaches: judged by
        // that day's own bound it would add no evidence, and the alert would wait
        List<ObservedDay> days = new ArrayList<>(levelThen());
        for (int j = 0; j < 4; j++) {
            double upper = j == 1 ? 260 : 400;
            days.add(new ObservedDay(START.plusDays(28 + j), 300, 200, 0, upper));
        }

        Detection d = evidence.detect(days);

        assertThat(d.days().get(29).anomalous()).as("+50% above a 1.3 x bound").isTrue();
        assertThat(d.episodes())
                .singleElement()
                .satisfies(e -> assertThat(e.openedOn()).isEqualTo(START.plusDays(30)));
    }

    @Test
    void aRiseIsGatedByTheIntervalsBeforeItNotByTheNarrowerOnesOfItsOwnDays() {
        // a series at the gate's edge: two weeks of wide intervals (2 x), then two of narrow ones (1.3 x), so the
        // median is wide only by the rise's first day; the refits after that day learn part of it, with 1.3 x intervals
        List<ObservedDay> days = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            double upper = i < 14 ? 400 : 260;
            days.add(new ObservedDay(START.plusDays(i), 190 + 10 * (i % 3), 200, 0, upper));
        }
        days.add(new ObservedDay(START.plusDays(28), 300, 200, 0, 400));
        for (int j = 1; j < 4; j++) {
            days.add(new ObservedDay(START.plusDays(28 + j), 300, 240, 168, 312));
        }

        Detection d = evidence.detect(days);

        assertThat(d.days().subList(28, days.size())).noneMatch(DayVerdict::anomalous);
        assertThat(d.days().subList(28, 31)).extracting(DayVerdict::evidence).containsExactly(1.5, 3.0, 4.5);
        assertThat(d.episodes())
                .as("judged by its own days' intervals, the rise would have left the rule on its second day")
                .singleElement()
                .satisfies(e -> assertThat(e.openedOn()).isEqualTo(START.plusDays(30)));
    }

    /**
     * 28 usual days around a forecast of 200 with an interval [140, 254] (the upper bound 1.27 x, as citywide's: a
     * +50% day breaches on its own, so the robust rule leaves the series alone), then the given actuals.
     */
    static List<ObservedDay> narrowIntervalThen(double... actuals) {
        return usualDaysThen(140, 254, actuals);
    }

    /** 28 days of 190, 200 and 210 around a forecast of 200 in [lower, upper], then the actuals against the same. */
    private static List<ObservedDay> usualDaysThen(double lower, double upper, double... actuals) {
        List<ObservedDay> out = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            out.add(new ObservedDay(START.plusDays(i), 190 + 10 * (i % 3), 200, lower, upper));
        }
        for (int j = 0; j < actuals.length; j++) {
            out.add(new ObservedDay(START.plusDays(28 + j), actuals[j], 200, lower, upper));
        }
        return out;
    }

    @Test
    void aRampOnASeriesWhoseIntervalsShowItIsAlertedOnItsThirdDayByItsMargins() {
        // +20%, +40%, +60%, +80%, +100%: its second day is the first above the bound, so three breaches in a row wait
        // for the fourth; in margins the days score 0.76, 1.41 and 1.97, counted 0.76 + 1.25 + 1.25 >= 3
        double[] ramp = {240, 280, 320, 360, 400, 200};

        Detection d = evidence.detect(narrowIntervalThen(ramp));

        assertThat(d.days().get(28).anomalous()).isFalse();
        assertThat(d.days().get(28).raised()).isTrue();
        assertThat(d.days().get(30).evidence()).isCloseTo((0.763 + 2 * 1.25) / 3, Offset.offset(0.01));
        assertThat(d.episodes()).singleElement().satisfies(e -> {
            assertThat(e.episodeStart()).isEqualTo(START.plusDays(28));
            assertThat(e.openedOn()).as("two days before the peak").isEqualTo(START.plusDays(30));
            assertThat(e.openedBy()).isEqualTo(AlertEpisode.OpenedBy.MARGIN_EVIDENCE);
            assertThat(e.openedBy().tag()).isEqualTo("margin_evidence");
            assertThat(e.closedOn()).contains(START.plusDays(33));
        });
        assertThat(new AnomalyDetector(
                                DetectionSettings.defaults().withMarginEvidence(DetectionSettings.MarginEvidence.OFF))
                        .detect(narrowIntervalThen(ramp))
                        .episodes())
                .as("without the margins, the breach rule opens it on the fourth day")
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.openedOn()).isEqualTo(START.plusDays(31));
                    assertThat(e.openedBy()).isEqualTo(AlertEpisode.OpenedBy.BREACHES);
                });
    }

    @Test
    void twoStormDaysOpenAnAlertByTheirMarginsOnlyWithAThirdDayHalfWayToItsBound() {
        // two days of +100% count 1.25 each: 2.5; the third must add 0.5
        assertThat(evidence.detect(narrowIntervalThen(400, 400, 210, 200)).episodes())
                .as("a third day 5% above its forecast (0.2 of its margin)")
                .isEmpty();
        assertThat(evidence.detect(narrowIntervalThen(400, 400, 230, 200)).episodes())
                .as("a third day 15% above its forecast (0.57 of its margin)")
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.openedOn()).isEqualTo(START.plusDays(30));
                    assertThat(e.openedBy()).isEqualTo(AlertEpisode.OpenedBy.MARGIN_EVIDENCE);
                });
    }

    @Test
    void onlyTheRunsOwnDaysCountInItsMarginsSoAQuietDayBeforeItNeitherHoldsItBackNorMovesItsStart() {
        // two days 25% above the forecast (0.93 of the margin each), then one above the bound (counted 1.25): on
        // average above the bound over the three, whether the day before them was ordinary or far below its forecast
        for (double dayBefore : new double[] {200, 100}) {
            Detection d = evidence.detect(narrowIntervalThen(dayBefore, 250, 250, 400, 200));

            assertThat(d.days().get(28).raised()).isFalse();
            assertThat(d.episodes())
                    .as("after a day of %s", dayBefore)
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.episodeStart()).isEqualTo(START.plusDays(29));
                        assertThat(e.openedOn()).isEqualTo(START.plusDays(31));
                        assertThat(e.anomalousDays()).isEqualTo(3);
                        assertThat(e.openedBy()).isEqualTo(AlertEpisode.OpenedBy.MARGIN_EVIDENCE);
                    });
        }
        assertThat(evidence.detect(narrowIntervalThen(200, 240, 400, 200)).episodes())
                .as("a day 20% up and one above the bound are two days: short of three on average")
                .isEmpty();
    }

    @Test
    void aWeekALittleAboveItsForecastsIsNotAnAlertByItsMargins() {
        // +10% for a week (a holiday week's pattern): each day 0.4 of its margin, under the half that continues a run
        Detection d = evidence.detect(narrowIntervalThen(220, 220, 220, 220, 220, 220, 220));

        assertThat(d.days().subList(28, 35)).noneMatch(DayVerdict::raised).allMatch(v -> v.evidence() == 0.0);
        assertThat(d.episodes()).isEmpty();
    }

    @Test
    void theMarginRuleRejectsAThresholdNoRunCouldReachOrACapUnderItsSlack() {
        assertThatThrownBy(() -> DetectionSettings.MarginEvidence.on(0.25, 1.25, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> DetectionSettings.MarginEvidence.on(0.5, 1.25, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> DetectionSettings.MarginEvidence.on(0.5, 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cap");
        assertThatThrownBy(() -> DetectionSettings.MarginEvidence.on(-0.1, 1.25, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slack");
    }

    @Test
    void theEvidenceRuleRejectsAThresholdOneDayCouldReach() {
        assertThatThrownBy(() -> DetectionSettings.Evidence.on(1.0, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> DetectionSettings.Evidence.on(-1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DetectionSettings.Evidence.on(1, 4).withHiddenRise(-0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hidden rise");
    }

    @Test
    void aRunsLaterDaysAreJudgedAgainstTheForecastMadeBeforeItNotOneThatLearntItsFirstDays() {
        // the first day breaches; the forecasts refitted after it have learnt the rise, so its later days fall inside
        List<ObservedDay> days = new ArrayList<>(levelThen(500));
        days.add(new ObservedDay(START.plusDays(29), 500, 450, 250, 650));
        days.add(new ObservedDay(START.plusDays(30), 500, 480, 280, 680));
        days.add(new ObservedDay(START.plusDays(31), 200, 480, 280, 680));
        AnomalyDetector.Yardstick madeBeforeTheRun = (runStart, day) -> runStart.equals(START.plusDays(28))
                ? Optional.of(new ObservedDay(day.date(), day.actual(), 200, 0, 400))
                : Optional.empty();
        AnomalyDetector breaches = new AnomalyDetector(DetectionSettings.breachRuleOnly());

        assertThat(breaches.detect(days).episodes())
                .as("against the refitted forecasts")
                .isEmpty();
        Detection judged = breaches.detect(days, madeBeforeTheRun);

        assertThat(judged.episodes()).singleElement().satisfies(e -> {
            assertThat(e.episodeStart()).isEqualTo(START.plusDays(28));
            assertThat(e.openedOn()).isEqualTo(START.plusDays(30));
            assertThat(e.closedOn()).contains(START.plusDays(31));
        });
        assertThat(judged.days().get(30).day().upper())
                .as("the day as judged, with the forecast it was judged by")
                .isEqualTo(400);
    }
}
