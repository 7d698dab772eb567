package org.nyc311.launcher.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nyc311.launcher.cost.CloudFormationYaml.list;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.launcher.schedule.WeeklySchedule;

/**
 * Dev sleeps outside its working hours (DevHours working, the default), and what docs/COSTS.md prices for it must not
 * cost the daily chain its freshness goal: every service the 03:00 intake's batch passes through is awake when the
 * intake runs and for the hour after, on every day of the week.
 */
class DevHoursTest {

    private static final Path TEMPLATE = Path.of(System.getProperty("nyc311.project-root", "."))
            .toAbsolutePath()
            .normalize()
            .resolve(Estimate.TEMPLATE);
    /** The chain after the intake: the batch, gold, the forecasts, the anomaly check. */
    private static final List<String> CHAIN = List.of("ControllerService", "ForecastService", "AnomalyService");

    @Test
    void theDailyChainsServicesAreAwakeFromTheIntakeForAnHourEveryDay() {
        Template dev = Template.load(TEMPLATE, Map.of("Environment", "dev"));
        String intake =
                String.valueOf(dev.resource("DailyIntakeSchedule").properties().get("ScheduleExpression"));
        List<Integer> intakes = WeeklySchedule.minutesOfWeek(intake);

        assertThat(intakes).hasSize(7);
        for (String service : CHAIN) {
            List<Object> actions = ScheduledCapacity.scheduledActions(dev, service);
            WeeklySchedule week = ScheduledCapacity.weekOf(actions);
            assertThat(actions).as("%s sleeps at some hours in dev", service).isNotEmpty();
            for (int minute : intakes) {
                for (int after = 0; after <= 60; after += 5) {
                    assertThat(week.awakeAt(minute + after))
                            .as("%s awake %d minutes after the intake of minute %d of the week", service, after, minute)
                            .isTrue();
                }
            }
        }
        // and it does sleep: the estimate's saving is real
        assertThat(ScheduledCapacity.weekOf(ScheduledCapacity.scheduledActions(dev, "DashboardService"))
                        .awakeShareOfWeek())
                .isLessThan(0.5);
    }

    @Test
    void prodAndDevAroundTheClockNeverSleep() {
        for (Map<String, String> parameters :
                List.of(Map.of("Environment", "prod"), Map.of("Environment", "dev", "DevHours", "always"))) {
            Template stack = Template.load(TEMPLATE, parameters);
            for (Template.Resource target : stack.resourcesOfType("AWS::ApplicationAutoScaling::ScalableTarget")) {
                assertThat(list(target.properties().get("ScheduledActions")))
                        .as("%s in %s", target.name(), parameters)
                        .isEmpty();
            }
        }
    }
}
