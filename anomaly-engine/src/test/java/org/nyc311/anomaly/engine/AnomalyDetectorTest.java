package org.nyc311.anomaly.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.anomaly.Anomaly;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.SeriesKey;

class AnomalyDetectorTest {

    private static final LocalDate START = LocalDate.of(2024, 3, 1);
    private final AnomalyDetector detector = new AnomalyDetector(DetectionSettings.defaults());

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
        assertThat(d.days().stream().filter(DayVerdict::alertOpened).map(DayVerdict::date))
                .containsExactly(START.plusDays(12));
        assertThat(d.days().stream().filter(DayVerdict::anomalous)).hasSize(3);
    }

    @Test
    void aLongEpisodeIsStillOneAlert() {
        Detection d = detector.detect(days("....SSSSSSSSSS.."));

        assertThat(d.episodes()).hasSize(1);
        assertThat(d.episodes().get(0).anomalousDays()).isEqualTo(10);
        assertThat(d.days().stream().filter(DayVerdict::alertOpened)).hasSize(1);
        assertThat(d.alertOpenOn(START.plusDays(13))).isTrue();
        assertThat(d.alertOpenOn(START.plusDays(14))).as("closed the day it is back inside").isFalse();
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
        assertThat(d.days()).filteredOn(v -> v.breach() == Breach.DROP).hasSize(5)
                .allSatisfy(v -> assertThat(v.anomalous()).isFalse());
    }

    @Test
    void dropsAlertWhenConfiguredAndADropEndsASpikeRun() {
        AnomalyDetector withDrops = new AnomalyDetector(DetectionSettings.defaults().withDropsAlert(true));

        Detection d = withDrops.detect(days("..DDD..SSDDD."));

        assertThat(d.episodes()).extracting(AlertEpisode::episodeStart)
                .containsExactly(START.plusDays(2), START.plusDays(9));
        assertThat(d.episodes().get(1).peakZScore()).as("a drop episode's peak is its most negative z").isNegative();
    }

    @Test
    void theNumberOfDaysInARowIsConfigurable() {
        AnomalyDetector twoDays = new AnomalyDetector(DetectionSettings.defaults().withConsecutiveDays(2));

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
        Detection second = new AnomalyDetector(DetectionSettings.defaults()).detect(List.copyOf(input));

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
        assertThat(d.days().get(2).toAnomaly(key, "run-1")).get()
                .extracting(Anomaly::direction).isEqualTo(Anomaly.Direction.DROP);
    }

    @Test
    void rejectsDaysThatAreNotConsecutive() {
        List<ObservedDay> gap = new ArrayList<>(days("...."));
        gap.remove(2);

        assertThatThrownBy(() -> detector.detect(gap)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consecutive").hasMessageContaining(START.plusDays(2).toString());
    }

    @Test
    void anActualOnTheBoundIsInside() {
        ObservedDay onUpper = new ObservedDay(START, 120, 100, 80, 120);
        ObservedDay onLower = new ObservedDay(START, 80, 100, 80, 120);

        assertThat(onUpper.breach()).isEqualTo(Breach.NONE);
        assertThat(onLower.breach()).isEqualTo(Breach.NONE);
    }
}
