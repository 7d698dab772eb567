package org.nyc311.launcher.wake;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nyc311.launcher.schedule.WeeklySchedule;
import org.nyc311.launcher.schedule.WeeklySchedule.Action;
import org.nyc311.launcher.schedule.WeeklySchedule.Capacity;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTargetAction;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Wakes the services of an ECS cluster that their scheduled actions have put to sleep, for a few hours.
 *
 * <p>A sleeping service's scalable target is given the capacity its own schedule wakes it to (Application Auto Scaling
 * then starts the tasks), and one one-time scheduled action, {@value #UNTIL}, sets at the end of the hours whatever
 * capacity the schedule holds at that time, so that the wake ends as if it had never happened. The recurring actions
 * stay as the template made them: a scheduled sleep inside the hours still comes (the output says when), and a
 * scheduled wake inside them makes the one-time action a no-op. Services without scheduled actions (prod,
 * {@code DevHours=always}) are left alone.
 */
final class Wake {

    /** The one-time action's name: one per service, replaced by every wake. */
    static final String UNTIL = "nyc311-wake-until";

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);
    /** Local ports for the port-forwarding commands: the dashboard's login callback is http://localhost:8080. */
    private static final Map<String, Integer> LOCAL_PORTS = Map.of("dashboard-ui", 8080, "forecast-service", 8081);

    private final ApplicationAutoScalingClient scaling;
    private final EcsClient ecs;
    private final Clock clock;
    private final PrintWriter out;
    private final Duration pollEvery;

    Wake(ApplicationAutoScalingClient scaling, EcsClient ecs, Clock clock, PrintWriter out, Duration pollEvery) {
        this.scaling = scaling;
        this.ecs = ecs;
        this.clock = clock;
        this.out = out;
        this.pollEvery = pollEvery;
    }

    /** What was done to one service. */
    record Woken(String service, boolean started, String until) {}

    /**
     * Wakes the cluster's sleeping services for {@code hours}, waits at most {@code waitAtMost} for each to run a task,
     * and prints the port-forwarding commands of those with ECS Exec (a zero wait does neither).
     *
     * @return 0 when every service of the cluster's schedules runs a task, 1 when one did not within the wait
     */
    int wake(String cluster, Duration hours, Duration waitAtMost) throws InterruptedException {
        List<Woken> woken = wakeServices(cluster, hours);
        if (woken.isEmpty()) {
            out.printf(
                    "%s: no service has scheduled actions, so none sleeps (prod, or dev with DevHours=always)%n",
                    cluster);
            out.flush();
            return 0;
        }
        for (Woken service : woken) {
            out.printf(
                    "%-20s %s; sleeps again %s%n",
                    service.service(), service.started() ? "woken" : "awake by its hours", service.until());
        }
        out.flush();
        if (waitAtMost.isZero()) {
            return 0;
        }
        List<String> names = woken.stream().map(Woken::service).toList();
        Optional<List<Service>> running = waitForTasks(cluster, names, waitAtMost);
        if (running.isEmpty()) {
            out.printf(
                    "not every service runs a task after %d minutes: see `aws ecs describe-services --cluster %s`%n",
                    waitAtMost.toMinutes(), cluster);
            out.flush();
            return 1;
        }
        printWaysIn(cluster, running.get());
        return 0;
    }

    /** Wakes every sleeping service with a schedule; the ones its schedule already keeps awake are listed as such. */
    List<Woken> wakeServices(String cluster, Duration hours) {
        List<Woken> woken = new ArrayList<>();
        for (ScalableTarget target : clusterTargets(cluster)) {
            List<ScheduledAction> recurring = scheduledActions(target).stream()
                    .filter(action -> action.schedule().startsWith("cron("))
                    .toList();
            if (recurring.isEmpty()) {
                continue;
            }
            ZoneId zone = zone(recurring);
            WeeklySchedule week = WeeklySchedule.of(recurring.stream()
                    .map(action -> new Action(action.schedule(), capacity(action.scalableTargetAction(), target)))
                    .toList());
            Optional<Capacity> working = week.wakingCapacity();
            if (working.isEmpty()) {
                continue;
            }
            String service = serviceName(target);
            LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone).truncatedTo(ChronoUnit.MINUTES);
            int nowMinute = WeeklySchedule.minuteOfWeek(now);
            if (week.awakeAt(nowMinute)) {
                woken.add(new Woken(service, false, sleepsAt(week, now, nowMinute, zone)));
                continue;
            }
            scaling.registerScalableTarget(request -> request.serviceNamespace(ServiceNamespace.ECS)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .resourceId(target.resourceId())
                    .minCapacity(working.get().min())
                    .maxCapacity(working.get().max()));
            LocalDateTime end = now.plus(hours);
            int endMinute = WeeklySchedule.minuteOfWeek(end);
            Capacity scheduled = week.capacityAt(endMinute).orElseThrow();
            scaling.putScheduledAction(request -> request.serviceNamespace(ServiceNamespace.ECS)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .resourceId(target.resourceId())
                    .scheduledActionName(UNTIL)
                    .schedule("at(" + AT.format(end) + ")")
                    .timezone(zone.getId())
                    .scalableTargetAction(
                            action -> action.minCapacity(scheduled.min()).maxCapacity(scheduled.max())));
            int minutesToScheduledSleep = week.minutesUntilSleep(nowMinute).orElse(Integer.MAX_VALUE);
            String until;
            if (minutesToScheduledSleep < hours.toMinutes()) {
                // a recurring sleep inside the hours still comes
                until = SHOWN.format(now.plusMinutes(minutesToScheduledSleep)) + " " + zone.getId()
                        + " by its hours, before the " + hours.toHours() + " hours asked: run wake again then";
            } else if (scheduled.awake()) {
                // the schedule wakes it within the hours: it sleeps when the schedule next says so
                until = sleepsAt(week, end, endMinute, zone) + " (its hours)";
            } else {
                until = SHOWN.format(end) + " " + zone.getId();
            }
            woken.add(new Woken(service, true, until));
        }
        return woken;
    }

    private List<ScalableTarget> clusterTargets(String cluster) {
        String prefix = "service/" + cluster + "/";
        return scaling
                .describeScalableTargetsPaginator(request -> request.serviceNamespace(ServiceNamespace.ECS))
                .scalableTargets()
                .stream()
                .filter(target -> target.resourceId().startsWith(prefix)
                        && target.scalableDimension() == ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .toList();
    }

    private List<ScheduledAction> scheduledActions(ScalableTarget target) {
        return scaling
                .describeScheduledActionsPaginator(request -> request.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(target.resourceId())
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT))
                .scheduledActions()
                .stream()
                .toList();
    }

    /** The actions' time zone: one for all, as the template writes them (UTC when unset, as Application Auto Scaling reads it). */
    private static ZoneId zone(List<ScheduledAction> actions) {
        List<String> zones = actions.stream()
                .map(action -> action.timezone() == null ? "UTC" : action.timezone())
                .distinct()
                .toList();
        if (zones.size() != 1) {
            throw new IllegalStateException("the scheduled actions of "
                    + actions.get(0).resourceId() + " use several time zones " + zones + ": wake reads one");
        }
        return ZoneId.of(zones.get(0));
    }

    /** An action's capacity; a bound it leaves out is the target's own. */
    private static Capacity capacity(@Nullable ScalableTargetAction action, ScalableTarget target) {
        Integer min = action == null ? null : action.minCapacity();
        Integer max = action == null ? null : action.maxCapacity();
        return new Capacity(min == null ? target.minCapacity() : min, max == null ? target.maxCapacity() : max);
    }

    private static String sleepsAt(WeeklySchedule week, LocalDateTime from, int fromMinute, ZoneId zone) {
        return week.minutesUntilSleep(fromMinute)
                .map(minutes -> SHOWN.format(from.plusMinutes(minutes)) + " " + zone.getId())
                .orElse("never");
    }

    private static String serviceName(ScalableTarget target) {
        String resource = target.resourceId();
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    /** The services once each runs a task; empty when one does not within the wait. */
    private Optional<List<Service>> waitForTasks(String cluster, List<String> names, Duration waitAtMost)
            throws InterruptedException {
        // elapsed time, not the clock the schedules are read on
        long deadline = System.nanoTime() + waitAtMost.toNanos();
        while (true) {
            List<Service> services = ecs.describeServices(
                            request -> request.cluster(cluster).services(names))
                    .services();
            Map<String, Integer> waiting = new LinkedHashMap<>();
            for (Service service : services) {
                if (service.runningCount() < 1) {
                    waiting.put(service.serviceName(), service.pendingCount());
                }
            }
            if (waiting.isEmpty() && services.size() == names.size()) {
                return Optional.of(services);
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            out.printf("waiting for a running task of %s%n", String.join(", ", waiting.keySet()));
            out.flush();
            Thread.sleep(pollEvery.toMillis());
        }
    }

    /** ECS Exec port forwarding into each service that has it on (dev without the public API). */
    private void printWaysIn(String cluster, List<Service> services) {
        for (Service service : services) {
            if (!Boolean.TRUE.equals(service.enableExecuteCommand())) {
                continue;
            }
            List<String> taskArns = ecs.listTasks(request -> request.cluster(cluster)
                            .serviceName(service.serviceName())
                            .desiredStatus(DesiredStatus.RUNNING))
                    .taskArns();
            if (taskArns.isEmpty()) {
                continue;
            }
            Task task = ecs.describeTasks(request -> request.cluster(cluster).tasks(taskArns.get(0)))
                    .tasks()
                    .get(0);
            Optional<Container> container = task.containers().stream()
                    .filter(candidate -> candidate.runtimeId() != null)
                    .findFirst();
            if (container.isEmpty()) {
                continue;
            }
            String taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
            int localPort = LOCAL_PORTS.getOrDefault(service.serviceName(), 8090);
            out.printf(
                    "%s: aws ssm start-session --target ecs:%s_%s_%s --document-name AWS-StartPortForwardingSession"
                            + " --parameters portNumber=8080,localPortNumber=%d   (then http://localhost:%d)%n",
                    service.serviceName(), cluster, taskId, container.get().runtimeId(), localPort, localPort);
        }
        out.flush();
    }
}
