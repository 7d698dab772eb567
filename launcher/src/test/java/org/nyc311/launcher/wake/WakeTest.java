package org.nyc311.launcher.wake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.launcher.Nyc311;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * {@code ./nyc311 wake} against a stub of Application Auto Scaling's and ECS's JSON APIs that answers in their real
 * response shapes, with dev's schedules as deploy/ecs writes them (New York time): the dashboard on weekdays 08:00-19:00,
 * pipeline-controller and forecast-service also 02:50-04:20 every day, forecast-service up to three tasks.
 */
class WakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String CLUSTER = "nyc311-dev";
    private static final String ACCOUNT = "123456789012";
    private static final String TASK_ID = "7f3c2e1d0b9a48d6a5c4b3e2f1d0c9b8";
    private static final String RUNTIME_ID = TASK_ID + "-2413964286";

    private WireMockServer aws;

    @BeforeEach
    void stub() {
        aws = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        aws.start();
        scalableTargets(Map.of("dashboard-ui", "1", "pipeline-controller", "1", "forecast-service", "3"));
        scheduledActions("dashboard-ui", workingHours("1"));
        scheduledActions("pipeline-controller", chainAndWorkingHours("1"));
        scheduledActions("forecast-service", chainAndWorkingHours("3"));
        answer(
                "AnyScaleFrontendService.RegisterScalableTarget",
                "{\"ScalableTargetARN\":\"arn:aws:application-autoscaling:" + "us-east-1:" + ACCOUNT
                        + ":scalable-target/0ec5a1b2c3d4e5f60718293a4b5c6d7e8f90\"}");
        answer("AnyScaleFrontendService.PutScheduledAction", "{}");
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    @Test
    void onASaturdayNightEveryServiceIsWokenToItsWorkingCapacityAndSleepsAgainAfterTheHours() throws Exception {
        servicesRunningAfterOneLook();
        StringWriter out = new StringWriter();

        int exit = wake(at(2026, 12, 5, 22, 0), out).wake(CLUSTER, Duration.ofHours(2), Duration.ofMinutes(5));

        assertThat(exit).isZero();
        assertThat(registered())
                .containsExactlyInAnyOrder(
                        "service/nyc311-dev/dashboard-ui 1..1",
                        "service/nyc311-dev/pipeline-controller 1..1",
                        "service/nyc311-dev/forecast-service 1..3");
        assertThat(untilActions())
                .containsExactlyInAnyOrder(
                        "service/nyc311-dev/dashboard-ui at(2026-12-06T00:00:00) America/New_York 0..0",
                        "service/nyc311-dev/pipeline-controller at(2026-12-06T00:00:00) America/New_York 0..0",
                        "service/nyc311-dev/forecast-service at(2026-12-06T00:00:00) America/New_York 0..0");
        assertThat(out.toString())
                .contains("dashboard-ui         woken; sleeps again Sun 00:00 America/New_York")
                .contains("waiting for a running task of dashboard-ui, pipeline-controller, forecast-service")
                .contains(
                        "dashboard-ui: aws ssm start-session --target ecs:nyc311-dev_" + TASK_ID + "_" + RUNTIME_ID
                                + " --document-name AWS-StartPortForwardingSession --parameters portNumber=8080,localPortNumber=8080")
                .doesNotContain("pipeline-controller: aws ssm");
    }

    @Test
    void theDailyChainsWindowIsKeptAndItsScheduledSleepStillComes() throws Exception {
        StringWriter out = new StringWriter();

        // Sunday 01:30 for two hours: the hours end inside the chain's 02:50-04:20
        wake(at(2026, 12, 6, 1, 30), out).wake(CLUSTER, Duration.ofHours(2), Duration.ZERO);

        assertThat(untilActions())
                .as("at 03:30 the schedule has the chain's services awake and the dashboard asleep")
                .containsExactlyInAnyOrder(
                        "service/nyc311-dev/dashboard-ui at(2026-12-06T03:30:00) America/New_York 0..0",
                        "service/nyc311-dev/pipeline-controller at(2026-12-06T03:30:00) America/New_York 1..1",
                        "service/nyc311-dev/forecast-service at(2026-12-06T03:30:00) America/New_York 1..3");
        assertThat(out.toString())
                .contains("pipeline-controller  woken; sleeps again Sun 04:20 America/New_York (its hours)")
                .contains("dashboard-ui         woken; sleeps again Sun 03:30 America/New_York");
        aws.resetRequests();

        // Sunday 03:00 for two hours: the chain's services are up by their hours, and 04:20 puts them to sleep
        StringWriter later = new StringWriter();
        wake(at(2026, 12, 6, 3, 0), later).wake(CLUSTER, Duration.ofHours(2), Duration.ZERO);

        assertThat(registered()).containsExactly("service/nyc311-dev/dashboard-ui 1..1");
        assertThat(later.toString())
                .contains("pipeline-controller  awake by its hours; sleeps again Sun 04:20 America/New_York")
                .contains("dashboard-ui         woken; sleeps again Sun 05:00 America/New_York");
    }

    @Test
    void aWakeCutShortByAScheduledSleepSaysSo() throws Exception {
        StringWriter out = new StringWriter();

        // Sunday 02:00 for three hours: the controller wakes now, its schedule keeps it to 04:20, then sleeps
        wake(at(2026, 12, 6, 2, 0), out).wake(CLUSTER, Duration.ofHours(3), Duration.ZERO);

        assertThat(out.toString())
                .contains(
                        "pipeline-controller  woken; sleeps again Sun 04:20 America/New_York by its hours, before the 3"
                                + " hours asked: run wake again then");
    }

    @Test
    void aWakeOverNightSaysWhereTheChainsScheduledSleepCutsItAndTheDashboardRunsOnIntoItsHours() throws Exception {
        StringWriter out = new StringWriter();

        // Sunday 23:00 for twelve hours, to Monday 11:00: the controller's 04:20 sleep comes first
        wake(at(2026, 12, 6, 23, 0), out).wake(CLUSTER, Duration.ofHours(12), Duration.ZERO);

        assertThat(out.toString())
                .contains("pipeline-controller  woken; sleeps again Mon 04:20 America/New_York by its hours, before the"
                        + " 12 hours asked")
                .contains("dashboard-ui         woken; sleeps again Mon 19:00 America/New_York (its hours)");
    }

    @Test
    void inWorkingHoursNothingIsChanged() throws Exception {
        servicesRunningAfterOneLook();
        StringWriter out = new StringWriter();

        int exit = wake(at(2026, 12, 7, 10, 0), out).wake(CLUSTER, Duration.ofHours(2), Duration.ofMinutes(5));

        assertThat(exit).isZero();
        assertThat(registered()).isEmpty();
        assertThat(untilActions()).isEmpty();
        assertThat(out.toString()).contains("dashboard-ui         awake by its hours; sleeps again Mon 19:00");
    }

    @Test
    void anEnvironmentWithoutSchedulesIsLeftAlone() throws Exception {
        aws.resetAll();
        scalableTargets(Map.of("forecast-service", "3"));
        scheduledActions("forecast-service", "");
        StringWriter out = new StringWriter();

        int exit = wake(at(2026, 12, 5, 22, 0), out).wake(CLUSTER, Duration.ofHours(2), Duration.ofMinutes(5));

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("no service has scheduled actions, so none sleeps");
        assertThat(registered()).isEmpty();
    }

    @Test
    void tasksThatDoNotStartWithinTheWaitFailTheCommand() throws Exception {
        answer(
                "AmazonEC2ContainerServiceV20141113.DescribeServices",
                services(0, "dashboard-ui", "pipeline-controller", "forecast-service"));
        StringWriter out = new StringWriter();

        int exit = wake(at(2026, 12, 5, 22, 0), out).wake(CLUSTER, Duration.ofHours(2), Duration.ZERO.plusNanos(1));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("not every service runs a task");
    }

    @Test
    void theCommandRefusesHoursOutsideOneToTwelve() {
        StringWriter err = new StringWriter();

        int exit = Nyc311.commandLine()
                .setErr(new PrintWriter(err))
                .execute("wake", "--hours", "13", "--endpoint-url", aws.baseUrl(), "--region", "us-east-1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--hours must be 1 to 12, not 13");
        assertThat(aws.getAllServeEvents()).isEmpty();
    }

    // --- the client under test, on a fixed clock ---

    private Wake wake(ZonedDateTime now, StringWriter out) {
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        ApplicationAutoScalingClient scaling = ApplicationAutoScalingClient.builder()
                .endpointOverride(URI.create(aws.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        EcsClient ecs = EcsClient.builder()
                .endpointOverride(URI.create(aws.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        return new Wake(
                scaling,
                ecs,
                Clock.fixed(now.toInstant(), NEW_YORK),
                new PrintWriter(out, true),
                Duration.ofMillis(10));
    }

    private static ZonedDateTime at(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, NEW_YORK);
    }

    // --- what the stub was asked ---

    private List<String> registered() throws Exception {
        List<String> calls = new ArrayList<>();
        for (JsonNode body : bodies("AnyScaleFrontendService.RegisterScalableTarget")) {
            calls.add(body.get("ResourceId").asText() + " "
                    + body.get("MinCapacity").asInt() + ".."
                    + body.get("MaxCapacity").asInt());
        }
        return calls;
    }

    private List<String> untilActions() throws Exception {
        List<String> calls = new ArrayList<>();
        for (JsonNode body : bodies("AnyScaleFrontendService.PutScheduledAction")) {
            assertThat(body.get("ScheduledActionName").asText()).isEqualTo(Wake.UNTIL);
            JsonNode action = body.get("ScalableTargetAction");
            calls.add(
                    body.get("ResourceId").asText() + " " + body.get("Schedule").asText() + " "
                            + body.get("Timezone").asText() + " "
                            + action.get("MinCapacity").asInt() + ".."
                            + action.get("MaxCapacity").asInt());
        }
        return calls;
    }

    private List<JsonNode> bodies(String target) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request :
                aws.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)))) {
            bodies.add(JSON.readTree(request.getBodyAsString()));
        }
        return bodies;
    }

    // --- the stub's answers, in the APIs' shapes (JSON 1.1; times in epoch seconds) ---

    private void answer(String target, String body) {
        aws.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(target))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body)));
    }

    private void scalableTargets(Map<String, String> maxima) {
        List<String> targets = new ArrayList<>();
        maxima.forEach((service, max) -> targets.add("{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/" + CLUSTER
                + "/" + service + "\",\"ScalableDimension\":\"ecs:service:DesiredCount\",\"MinCapacity\":0,"
                + "\"MaxCapacity\":0,\"RoleARN\":\"arn:aws:iam::" + ACCOUNT + ":role/aws-service-role/"
                + "ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService\","
                + "\"CreationTime\":1.764957600E9,\"SuspendedState\":{\"DynamicScalingInSuspended\":false,"
                + "\"DynamicScalingOutSuspended\":false,\"ScheduledScalingSuspended\":false},"
                + "\"ScalableTargetARN\":\"arn:aws:application-autoscaling:us-east-1:" + ACCOUNT
                + ":scalable-target/0ec5" + Math.abs(service.hashCode()) + "\"}"));
        // another cluster's target, which wake must not touch
        targets.add("{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/nyc311-prod/dashboard-ui\","
                + "\"ScalableDimension\":\"ecs:service:DesiredCount\",\"MinCapacity\":1,\"MaxCapacity\":1,"
                + "\"RoleARN\":\"arn:aws:iam::" + ACCOUNT + ":role/x\",\"CreationTime\":1.764957600E9}");
        answer(
                "AnyScaleFrontendService.DescribeScalableTargets",
                "{\"ScalableTargets\":[" + String.join(",", targets) + "]}");
    }

    private void scheduledActions(String service, String actions) {
        String resource = "service/" + CLUSTER + "/" + service;
        aws.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AnyScaleFrontendService.DescribeScheduledActions"))
                .withRequestBody(matchingJsonPath("$.ResourceId", equalTo(resource)))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ScheduledActions\":[" + actions.replace("RESOURCE", resource) + "]}")));
    }

    private static String action(String name, String schedule, String min, String max) {
        return "{\"ScheduledActionName\":\"" + name + "\",\"ScheduledActionARN\":\"arn:aws:autoscaling:us-east-1:"
                + ACCOUNT + ":scheduledAction:5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b:resource/ecs/RESOURCE"
                + ":scheduledActionName/" + name + "\",\"ServiceNamespace\":\"ecs\",\"Schedule\":\"" + schedule
                + "\",\"Timezone\":\"America/New_York\",\"ResourceId\":\"RESOURCE\","
                + "\"ScalableDimension\":\"ecs:service:DesiredCount\",\"ScalableTargetAction\":{\"MinCapacity\":" + min
                + ",\"MaxCapacity\":" + max + "},\"CreationTime\":1.764957600E9}";
    }

    private static String workingHours(String max) {
        return action("wake-for-working-hours", "cron(0 8 ? * MON-FRI *)", "1", max) + ","
                + action("sleep-after-working-hours", "cron(0 19 ? * MON-FRI *)", "0", "0") + ","
                // an earlier wake's one-time action, which is not part of the week
                + action(Wake.UNTIL, "at(2026-11-28T23:00:00)", "0", "0");
    }

    private static String chainAndWorkingHours(String max) {
        return action("wake-for-the-daily-chain", "cron(50 2 * * ? *)", "1", max) + ","
                + action("sleep-after-the-daily-chain", "cron(20 4 * * ? *)", "0", "0") + ","
                + workingHours(max);
    }

    private void servicesRunningAfterOneLook() {
        String target = "AmazonEC2ContainerServiceV20141113.DescribeServices";
        aws.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(target))
                .inScenario("tasks")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("running")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(services(0, "dashboard-ui", "pipeline-controller", "forecast-service"))));
        aws.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(target))
                .inScenario("tasks")
                .whenScenarioStateIs("running")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(services(1, "dashboard-ui", "pipeline-controller", "forecast-service"))));
        answer(
                "AmazonEC2ContainerServiceV20141113.ListTasks",
                "{\"taskArns\":[\"arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/" + CLUSTER + "/" + TASK_ID + "\"]}");
        answer(
                "AmazonEC2ContainerServiceV20141113.DescribeTasks",
                "{\"tasks\":[{\"taskArn\":\"arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/" + CLUSTER + "/" + TASK_ID
                        + "\",\"clusterArn\":\"arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/" + CLUSTER
                        + "\",\"lastStatus\":\"RUNNING\",\"desiredStatus\":\"RUNNING\",\"launchType\":\"FARGATE\","
                        + "\"enableExecuteCommand\":true,\"containers\":[{\"containerArn\":\"arn:aws:ecs:us-east-1:"
                        + ACCOUNT + ":container/" + CLUSTER + "/" + TASK_ID + "/0d6b4f1e-8c2a-4b7d-9e3f-1a2b3c4d5e6f\","
                        + "\"taskArn\":\"arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/" + CLUSTER + "/" + TASK_ID
                        + "\",\"name\":\"dashboard-ui\",\"runtimeId\":\"" + RUNTIME_ID
                        + "\",\"lastStatus\":\"RUNNING\","
                        + "\"managedAgents\":[{\"name\":\"ExecuteCommandAgent\",\"lastStatus\":\"RUNNING\"}]}]}],"
                        + "\"failures\":[]}");
    }

    private static String services(int running, String... names) {
        List<String> services = new ArrayList<>();
        for (String name : names) {
            services.add("{\"serviceArn\":\"arn:aws:ecs:us-east-1:" + ACCOUNT + ":service/" + CLUSTER + "/" + name
                    + "\",\"serviceName\":\"" + name + "\",\"clusterArn\":\"arn:aws:ecs:us-east-1:" + ACCOUNT
                    + ":cluster/" + CLUSTER + "\",\"status\":\"ACTIVE\",\"desiredCount\":1,\"runningCount\":" + running
                    + ",\"pendingCount\":" + (1 - running) + ",\"enableExecuteCommand\":"
                    + name.equals("dashboard-ui") + "}");
        }
        return "{\"services\":[" + String.join(",", services) + "],\"failures\":[]}";
    }
}
