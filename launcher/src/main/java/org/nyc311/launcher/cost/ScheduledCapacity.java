package org.nyc311.launcher.cost;

import static org.nyc311.launcher.cost.CloudFormationYaml.list;
import static org.nyc311.launcher.cost.CloudFormationYaml.map;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The share of a week a service has tasks, from its scalable target's scheduled actions (Application Auto Scaling's
 * {@code cron(minutes hours day-of-month month day-of-week year)}): each action sets the capacity from its time until
 * the next one, week after week. Only the schedules a week repeats are read, a time of day on every day or on named
 * days of the week; anything else is refused, so that the estimate never prices a schedule it misreads.
 */
final class ScheduledCapacity {

    private static final int MINUTES_A_DAY = 24 * 60;
    private static final int MINUTES_A_WEEK = 7 * MINUTES_A_DAY;
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final Pattern WEEKLY_CRON =
            Pattern.compile("cron\\((\\d{1,2}) (\\d{1,2}) [*?] \\* ([A-Z?*,-]+) \\*\\)");

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

    /** One action's effect: from this minute of the week (Monday 00:00 is 0), at least this many tasks. */
    private record Change(int minuteOfWeek, int minCapacity) {}

    /**
     * The share of the week (0 to 1) with at least one task: 1 when there are no scheduled actions, the capacity being
     * the target's own then.
     */
    static double awakeShareOfWeek(List<Object> scheduledActions) {
        List<Change> changes = changes(scheduledActions);
        if (changes.isEmpty()) {
            return 1.0;
        }
        int awake = 0;
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            int next = i + 1 < changes.size()
                    ? changes.get(i + 1).minuteOfWeek()
                    : changes.get(0).minuteOfWeek() + MINUTES_A_WEEK;
            if (change.minCapacity() >= 1) {
                awake += next - change.minuteOfWeek();
            }
        }
        return (double) awake / MINUTES_A_WEEK;
    }

    /** Whether the service has a task at this minute of the week (Monday 00:00 is 0; later minutes wrap around). */
    static boolean awakeAt(List<Object> scheduledActions, int minuteOfWeek) {
        List<Change> changes = changes(scheduledActions);
        if (changes.isEmpty()) {
            return true;
        }
        int minute = Math.floorMod(minuteOfWeek, MINUTES_A_WEEK);
        // the last change at or before the minute, else the week's last (it carries over from the week before)
        Change current = changes.get(changes.size() - 1);
        for (Change change : changes) {
            if (change.minuteOfWeek() <= minute) {
                current = change;
            }
        }
        return current.minCapacity() >= 1;
    }

    private static List<Change> changes(List<Object> scheduledActions) {
        List<Change> changes = new ArrayList<>();
        for (Object raw : scheduledActions) {
            Map<String, Object> action = map(raw);
            int minCapacity = Integer.parseInt(
                    String.valueOf(map(action.get("ScalableTargetAction")).getOrDefault("MinCapacity", 0)));
            for (int minute : minutesOfWeek(String.valueOf(action.get("Schedule")))) {
                changes.add(new Change(minute, minCapacity));
            }
        }
        changes.sort(Comparator.comparingInt(Change::minuteOfWeek));
        return changes;
    }

    /** Every minute of the week a weekly cron expression fires at. */
    static List<Integer> minutesOfWeek(String schedule) {
        Matcher cron = WEEKLY_CRON.matcher(schedule);
        if (!cron.matches()) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "cannot price the schedule %s: only cron(M H * * ? *) and cron(M H ? * <days> *) are read",
                    schedule));
        }
        int minute = Integer.parseInt(cron.group(1));
        int hour = Integer.parseInt(cron.group(2));
        List<Integer> minutes = new ArrayList<>();
        for (int day : days(cron.group(3), schedule)) {
            minutes.add(day * MINUTES_A_DAY + hour * 60 + minute);
        }
        return minutes;
    }

    private static List<Integer> days(String field, String schedule) {
        if (field.equals("?") || field.equals("*")) {
            return List.of(0, 1, 2, 3, 4, 5, 6);
        }
        List<Integer> days = new ArrayList<>();
        for (String part : field.split(",")) {
            String[] range = part.split("-");
            int from = day(range[0], schedule);
            int to = day(range[range.length - 1], schedule);
            if (to < from) {
                throw new IllegalArgumentException(
                        "cannot price the schedule " + schedule + ": a range of days must run from MON towards SUN");
            }
            for (int day = from; day <= to; day++) {
                days.add(day);
            }
        }
        return days;
    }

    private static int day(String name, String schedule) {
        int day = DAYS.indexOf(name);
        if (day < 0) {
            throw new IllegalArgumentException(
                    "cannot price the schedule " + schedule + ": days of the week are read as MON..SUN, not " + name);
        }
        return day;
    }
}
