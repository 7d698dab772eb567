package org.nyc311.launcher.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nyc311.launcher.schedule.WeeklySchedule.Action;
import org.nyc311.launcher.schedule.WeeklySchedule.Capacity;

class WeeklyScheduleTest {

    private static final Capacity ASLEEP = new Capacity(0, 0);
    private static final Capacity WORKING = new Capacity(1, 3);
    private static final WeeklySchedule CHAIN_AND_WORKING_HOURS = WeeklySchedule.of(List.of(
            new Action("cron(50 2 * * ? *)", new Capacity(1, 1)),
            new Action("cron(20 4 * * ? *)", ASLEEP),
            new Action("cron(0 8 ? * MON-FRI *)", WORKING),
            new Action("cron(0 19 ? * MON-FRI *)", ASLEEP)));

    @Test
    void minutesOfTheWeekCountFromMondayMidnight() {
        assertThat(WeeklySchedule.minuteOfWeek(LocalDateTime.of(2026, 12, 7, 0, 0)))
                .isZero(); // a Monday
        assertThat(WeeklySchedule.minuteOfWeek(LocalDateTime.of(2026, 12, 6, 23, 59)))
                .isEqualTo(WeeklySchedule.MINUTES_A_WEEK - 1);
    }

    @Test
    void theCapacityAtAMinuteIsTheLastChangeBeforeItCarriedOverTheWeeksEnd() {
        int sundayNight = WeeklySchedule.minuteOfWeek(LocalDateTime.of(2026, 12, 6, 23, 0));
        int mondayChain = WeeklySchedule.minuteOfWeek(LocalDateTime.of(2026, 12, 7, 3, 0));
        int mondayNoon = WeeklySchedule.minuteOfWeek(LocalDateTime.of(2026, 12, 7, 12, 0));

        assertThat(CHAIN_AND_WORKING_HOURS.capacityAt(sundayNight)).contains(ASLEEP);
        assertThat(CHAIN_AND_WORKING_HOURS.capacityAt(mondayChain)).contains(new Capacity(1, 1));
        assertThat(CHAIN_AND_WORKING_HOURS.capacityAt(mondayNoon)).contains(WORKING);
        assertThat(CHAIN_AND_WORKING_HOURS.capacityAt(mondayNoon + WeeklySchedule.MINUTES_A_WEEK))
                .contains(WORKING);
        assertThat(WeeklySchedule.of(List.of()).capacityAt(mondayNoon)).isEmpty();
    }

    @Test
    void theNextSleepIsTheFirstChangeToNoTasksAheadAcrossTheWeeksEnd() {
        int fridayEvening = WeeklySchedule.minuteOfWeek(LocalDateTime.of(2026, 12, 11, 20, 0));
        int sundayNight = WeeklySchedule.minuteOfWeek(LocalDateTime.of(2026, 12, 6, 23, 0));

        assertThat(CHAIN_AND_WORKING_HOURS.minutesUntilSleep(fridayEvening)).contains(8 * 60 + 20); // Sat 04:20
        assertThat(CHAIN_AND_WORKING_HOURS.minutesUntilSleep(sundayNight)).contains(5 * 60 + 20); // Mon 04:20
        assertThat(WeeklySchedule.of(List.of(new Action("cron(0 8 ? * MON-FRI *)", WORKING)))
                        .minutesUntilSleep(sundayNight))
                .isEmpty();
    }

    @Test
    void theWakingCapacityIsTheLargestAnActionWakesTo() {
        assertThat(CHAIN_AND_WORKING_HOURS.wakingCapacity()).contains(WORKING);
        assertThat(WeeklySchedule.of(List.of(new Action("cron(0 19 ? * MON-FRI *)", ASLEEP)))
                        .wakingCapacity())
                .isEmpty();
    }
}
