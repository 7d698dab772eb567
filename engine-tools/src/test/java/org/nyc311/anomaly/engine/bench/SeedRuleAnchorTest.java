package org.nyc311.anomaly.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.forecast.DailySeries;

class SeedRuleAnchorTest {

    private static final LocalDate START = LocalDate.of(2023, 1, 1);
    private static final int DAYS = 20;
    private static final int WINDOW = 5;

    /** A flat forecast of 100 with upper bound 110 on every day. */
    private static Map<LocalDate, SeedRuleAnchor.Forecast> flat(int from) {
        Map<LocalDate, SeedRuleAnchor.Forecast> out = new HashMap<>();
        for (int t = from; t < DAYS; t++) {
            out.put(START.plusDays(t), new SeedRuleAnchor.Forecast(100, 90, 110));
        }
        return out;
    }

    private static DailySeries series(int... raised) {
        double[] counts = new double[DAYS];
        Arrays.fill(counts, 100);
        for (int t : raised) {
            counts[t] = 120;
        }
        return new DailySeries(START, counts);
    }

    @Test
    void countsFlagsInsideTheWindowAndOneAlertPerRunOfThree() {
        // a run of 3 from day 3 opens its alert on day 5, inside the window; 10-11 is too short; 14-17 is one alert
        SeedRuleAnchor.Clean c = new SeedRuleAnchor(series(3, 4, 5, 10, 11, 14, 15, 16, 17), WINDOW, flat(0)).clean();
        assertThat(c.days()).isEqualTo(15);
        assertThat(c.flags()).isEqualTo(7);
        assertThat(c.alerts()).isEqualTo(2);
    }

    @Test
    void aRunWhoseAlertOpenedBeforeTheWindowIsNotCountedAgain() {
        SeedRuleAnchor.Clean c = new SeedRuleAnchor(series(1, 2, 3, 4, 5, 6), WINDOW, flat(0)).clean();
        assertThat(c.flags()).isEqualTo(2);
        assertThat(c.alerts()).isZero();
    }

    @Test
    void judgesInjectedEpisodesAgainstTheUntouchedForecasts() {
        SeedRuleAnchor quiet = new SeedRuleAnchor(series(), WINDOW, flat(0));
        // +50% of 100 is 150 on each of 3 days: the alert opens on the third
        SeedRuleAnchor.Verdict spike = quiet.judge(new SpikeInjection(0.5, 3, 8, 5));
        assertThat(spike.flagged()).containsExactly(true, true, true);
        assertThat(spike.firstAlertDay()).isEqualTo(2);
        // +5 requests stays under the upper bound of 110
        SeedRuleAnchor.Verdict small = quiet.judge(new SpikeInjection(0.05, 3, 8, 5));
        assertThat(small.alerted()).isFalse();
        assertThat(small.flaggedDays()).isZero();
        // a ramp of +5 a day: 105, 110 (not above 110), 115, 120, 125, so the alert opens on its last day
        SeedRuleAnchor.Verdict ramp = quiet.judge(SpikeInjection.ramp(0.05, 5, 8, 5));
        assertThat(ramp.flagged()).containsExactly(false, false, true, true, true);
        assertThat(ramp.firstAlertDay()).isEqualTo(4);
    }

    @Test
    void aOneDaySpikeAfterTwoFlaggedDaysOpensAnAlertOnItsDay() {
        SeedRuleAnchor anchor = new SeedRuleAnchor(series(6, 7), WINDOW, flat(0));
        assertThat(anchor.judge(new SpikeInjection(0.5, 1, 8, 5)).firstAlertDay())
                .isZero();
    }

    @Test
    void readsTheScriptsCsvAndRefusesAWindowItDoesNotCover(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("s.csv");
        StringBuilder text = new StringBuilder("date,yhat,lower,upper,origin\n");
        for (int t = 3; t < DAYS; t++) {
            text.append(START.plusDays(t))
                    .append(",100.0,90.0,110.0,")
                    .append(START.plusDays(3))
                    .append('\n');
        }
        Files.writeString(csv, text);
        Map<LocalDate, SeedRuleAnchor.Forecast> read = SeedRuleAnchor.read(csv);
        assertThat(read).hasSize(DAYS - 3).containsEntry(START.plusDays(3), new SeedRuleAnchor.Forecast(100, 90, 110));
        assertThat(new SeedRuleAnchor(series(4, 5, 6), WINDOW, read).clean().alerts())
                .isEqualTo(1);
        assertThatThrownBy(() -> new SeedRuleAnchor(series(), 4, read)).isInstanceOf(IllegalArgumentException.class);
    }
}
