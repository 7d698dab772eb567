package org.nyc311.launcher.schedule;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scalable target's recurring scheduled actions as a week of capacity changes: each action sets the capacity from
 * its time until the next one, week after week. Only the schedules a week repeats are read (Application Auto
 * Scaling's {@code cron(minutes hours day-of-month month day-of-week year)} at a time of day on every day or on named
 * days of the week); anything else is refused, so that nothing is priced or woken on a schedule misread.
 *
 * <p>Minutes of the week count from Monday 00:00 (0) in the actions' own time zone; later minutes wrap around.
 */
public final class WeeklySchedule {

    private static final int MINUTES_A_DAY = 24 * 60;
    public static final int MINUTES_A_WEEK = 7 * MINUTES_A_DAY;
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final Pattern WEEKLY_CRON =
            Pattern.compile("cron\\((\\d{1,2}) (\\d{1,2}) [*?] \\* ([A-Z?*,-]+) \\*\\)");

    /** A service's tasks: at least {@code min}, at most {@code max}. */
    public record Capacity(int min, int max) {
        public boolean awake() {
            return min >= 1;
        }
    }

    /** One scheduled action as the template or the API holds it. */
    public record Action(String schedule, Capacity capacity) {}

    /** One action's effect at one minute of the week. */
    public record Change(int minuteOfWeek, Capacity capacity) {}

    private final List<Change> changes;

    private WeeklySchedule(List<Change> changes) {
        this.changes = changes;
    }

    /** The week these actions make; no actions make an empty schedule (the target's own capacity all week). */
    public static WeeklySchedule of(List<Action> actions) {
        List<Change> changes = new ArrayList<>();
        for (Action action : actions) {
            for (int minute : minutesOfWeek(action.schedule())) {
                changes.add(new Change(minute, action.capacity()));
            }
        }
        changes.sort(Comparator.comparingInt(Change::minuteOfWeek));
        return new WeeklySchedule(List.copyOf(changes));
    }

    /** The share of the week (0 to 1) with at least one task: 1 when there are no actions. */
    public double awakeShareOfWeek() {
        if (changes.isEmpty()) {
            return 1.0;
        }
        int awake = 0;
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            int next = i + 1 < changes.size()
                    ? changes.get(i + 1).minuteOfWeek()
                    : changes.get(0).minuteOfWeek() + MINUTES_A_WEEK;
            if (change.capacity().awake()) {
                awake += next - change.minuteOfWeek();
            }
        }
        return (double) awake / MINUTES_A_WEEK;
    }

    /** The capacity the last change at or before this minute set; empty when there are no actions. */
    public Optional<Capacity> capacityAt(int minuteOfWeek) {
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        int minute = Math.floorMod(minuteOfWeek, MINUTES_A_WEEK);
        // the last change at or before the minute, else the week's last (it carries over from the week before)
        Change current = changes.get(changes.size() - 1);
        for (Change change : changes) {
            if (change.minuteOfWeek() <= minute) {
                current = change;
            }
        }
        return Optional.of(current.capacity());
    }

    /** Whether the service has a task at this minute: always when there are no actions. */
    public boolean awakeAt(int minuteOfWeek) {
        return capacityAt(minuteOfWeek).map(Capacity::awake).orElse(true);
    }

    /**
     * How many minutes after this one the first change that puts the service to sleep comes (a week at most); empty when
     * nothing ever does.
     */
    public Optional<Integer> minutesUntilSleep(int minuteOfWeek) {
        int minute = Math.floorMod(minuteOfWeek, MINUTES_A_WEEK);
        return changes.stream()
                .filter(change -> !change.capacity().awake())
                .map(change -> {
                    int ahead = Math.floorMod(change.minuteOfWeek() - minute, MINUTES_A_WEEK);
                    return ahead == 0 ? MINUTES_A_WEEK : ahead;
                })
                .min(Integer::compare);
    }

    /** The largest capacity any action wakes the service to (its working capacity); empty when none wakes it. */
    public Optional<Capacity> wakingCapacity() {
        return changes.stream()
                .map(Change::capacity)
                .filter(Capacity::awake)
                .max(Comparator.comparingInt(Capacity::max).thenComparingInt(Capacity::min));
    }

    /** The minute of the week of a wall-clock time in the actions' zone. */
    public static int minuteOfWeek(LocalDateTime time) {
        DayOfWeek day = time.getDayOfWeek();
        return (day.getValue() - 1) * MINUTES_A_DAY + time.getHour() * 60 + time.getMinute();
    }

    /** Every minute of the week a weekly cron expression fires at. */
    public static List<Integer> minutesOfWeek(String schedule) {
        Matcher cron = WEEKLY_CRON.matcher(schedule);
        if (!cron.matches()) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "cannot read the schedule %s: only cron(M H * * ? *) and cron(M H ? * <days> *) are read",
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
                        "cannot read the schedule " + schedule + ": a range of days must run from MON towards SUN");
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
                    "cannot read the schedule " + schedule + ": days of the week are read as MON..SUN, not " + name);
        }
        return day;
    }
}
