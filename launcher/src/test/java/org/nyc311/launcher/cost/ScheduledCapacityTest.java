package org.nyc311.launcher.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduledCapacityTest {

    private static final Map<String, Object> WAKE_WEEKDAYS = action("cron(0 8 ? * MON-FRI *)", 1);
    private static final Map<String, Object> SLEEP_WEEKDAYS = action("cron(0 19 ? * MON-FRI *)", 0);

    @Test
    void withoutScheduledActionsAServiceRunsAllWeek() {
        assertThat(ScheduledCapacity.weekOf(List.of()).awakeShareOfWeek()).isEqualTo(1.0);
    }

    @Test
    void workingHoursAreElevenHoursOnFiveDaysOfTheWeek() {
        assertThat(ScheduledCapacity.weekOf(List.of(SLEEP_WEEKDAYS, WAKE_WEEKDAYS))
                        .awakeShareOfWeek())
                .isCloseTo(5 * 11 / 168.0, within(1e-12));
    }

    @Test
    void aDailyWindowAddsItsMinutesEveryDayAndTheWeekWrapsAround() {
        List<Object> chainAndWorkingHours = List.of(
                WAKE_WEEKDAYS, SLEEP_WEEKDAYS, action("cron(50 2 * * ? *)", 1), action("cron(20 4 * * ? *)", 0));

        // 1.5 hours on each of 7 days, 11 on 5; Sunday 04:20 to Monday 02:50 asleep across the week's end
        assertThat(ScheduledCapacity.weekOf(chainAndWorkingHours).awakeShareOfWeek())
                .isCloseTo((7 * 1.5 + 5 * 11) / 168.0, within(1e-12));
    }

    @Test
    void aScheduleItCannotReadIsRefusedNotGuessed() {
        for (String schedule :
                List.of("rate(1 hour)", "cron(0 8 1 * ? *)", "cron(0 8 ? * FRI-MON *)", "cron(0 8 ? * 2-6 *)")) {
            assertThatThrownBy(() -> ScheduledCapacity.weekOf(List.of(action(schedule, 1)))
                            .awakeShareOfWeek())
                    .as(schedule)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(schedule);
        }
    }

    private static Map<String, Object> action(String schedule, int minCapacity) {
        return Map.of(
                "Schedule",
                schedule,
                "ScalableTargetAction",
                Map.of("MinCapacity", minCapacity, "MaxCapacity", minCapacity));
    }
}
