package org.nyc311.launcher.cost;

import static org.nyc311.launcher.cost.CloudFormationYaml.list;
import static org.nyc311.launcher.cost.CloudFormationYaml.map;

import java.util.List;
import java.util.Map;
import org.nyc311.launcher.schedule.WeeklySchedule;
import org.nyc311.launcher.schedule.WeeklySchedule.Action;
import org.nyc311.launcher.schedule.WeeklySchedule.Capacity;

/** A service's scheduled actions as the template writes them, read as a week of capacity changes. */
final class ScheduledCapacity {

    private ScheduledCapacity() {}

    /** The scheduled actions of the scalable target whose resource is this ECS service (its logical id), if any. */
    static List<Object> scheduledActions(Template stack, String service) {
        String reference = "${" + service + ".Name}";
        return stack.resourcesOfType("AWS::ApplicationAutoScaling::ScalableTarget").stream()
                .filter(target ->
                        String.valueOf(target.properties().get("ResourceId")).contains(reference))
                .findFirst()
                .map(target -> list(target.properties().get("ScheduledActions")))
                .orElse(List.of());
    }

    /**
     * The week these actions make. A maximum the template leaves to a parameter ({@code !Ref WorkerMaxCount}) is read
     * as the minimum: the estimate counts a service's tasks by its minimum.
     */
    static WeeklySchedule weekOf(List<Object> scheduledActions) {
        return WeeklySchedule.of(scheduledActions.stream()
                .map(raw -> {
                    Map<String, Object> action = map(raw);
                    Map<String, Object> capacity = map(action.get("ScalableTargetAction"));
                    int min = Integer.parseInt(String.valueOf(capacity.getOrDefault("MinCapacity", 0)));
                    String max = String.valueOf(capacity.getOrDefault("MaxCapacity", min));
                    return new Action(
                            String.valueOf(action.get("Schedule")),
                            new Capacity(min, max.matches("\\d+") ? Integer.parseInt(max) : min));
                })
                .toList());
    }
}
