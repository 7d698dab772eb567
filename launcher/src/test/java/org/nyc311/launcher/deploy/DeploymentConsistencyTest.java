package org.nyc311.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nyc311.launcher.deploy.DeploymentYaml.list;
import static org.nyc311.launcher.deploy.DeploymentYaml.map;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nyc311.launcher.up.LocalService;
import org.nyc311.model.event.EventQueue;

/**
 * Keeps docker-compose.yml and deploy/ecs/ true to the code: the CloudFormation templates pass cfn-lint,
 * and no deployment file names a service, queue or environment variable the code no longer has.
 */
class DeploymentConsistencyTest {

    /** The containers docker-compose.yml runs besides the five services. */
    private static final Set<String> COMPOSE_SERVERS =
            Set.of("sqs", "s3", "lake-init", "postgres", "mlflow", "sql-warehouse", "token-issuer");

    /**
     * The ECS containers besides the five services, none of them running our code: the init container that fetches the
     * RDS CA bundle, and psql of the one-shot database-users task. Public images, by a pinned major version.
     */
    private static final Map<String, String> ECS_SUPPORT_CONTAINERS = Map.of(
            "rds-ca-bundle", "public.ecr.aws/amazonlinux/amazonlinux:2023",
            "database-users", "public.ecr.aws/docker/library/postgres:16");

    private static Path root;
    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> resources;
    private static PropertyKeys keys;

    @BeforeAll
    static void readDeploymentFiles() {
        root = Path.of(System.getProperty("nyc311.project-root", "."))
                .toAbsolutePath()
                .normalize();
        compose = DeploymentYaml.load(root.resolve("docker-compose.yml"));
        resources = new HashMap<>();
        for (Path template : templates()) {
            map(DeploymentYaml.load(template).get("Resources"))
                    .forEach((name, resource) -> resources.put(name, map(resource)));
        }
        keys = PropertyKeys.of(root);
    }

    @Test
    void templatesPassCfnLint() throws Exception {
        Optional<Path> cfnLint = onPath("cfn-lint");
        Assumptions.assumeTrue(
                cfnLint.isPresent(),
                "cfn-lint is not on the PATH: the CloudFormation templates are not linted (pip install cfn-lint)");
        List<String> command = new ArrayList<>(List.of(cfnLint.get().toString()));
        templates().forEach(template -> command.add(template.toString()));
        Process lint = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("cfn-lint finished").isTrue();

        assertThat(lint.exitValue()).as("cfn-lint %s:%n%s", command, output).isZero();
    }

    @Test
    void aTemplateThatNamesAnIamResourceIsDeployedWithTheCapabilityForIt() throws IOException {
        boolean namesOne = resources.values().stream()
                .filter(resource -> String.valueOf(resource.get("Type")).startsWith("AWS::IAM::"))
                .anyMatch(resource -> map(resource.get("Properties")).containsKey("RoleName"));
        // CloudFormation refuses a stack with a named IAM resource unless it is given CAPABILITY_NAMED_IAM
        assertThat(namesOne)
                .as("the storage credential's role has a fixed name")
                .isTrue();
        for (Path file : List.of(root.resolve(".github/workflows/deploy.yml"), root.resolve("deploy/README.md"))) {
            assertThat(Files.readString(file))
                    .as(file.toString())
                    .contains("--capabilities CAPABILITY_NAMED_IAM")
                    .doesNotContain("--capabilities CAPABILITY_IAM");
        }
    }

    @Test
    void cloudFormationHasEveryQueueWithItsDeadLetterQueueAndNoOther() {
        Map<String, String> queueResources = new HashMap<>();
        resourcesOfType("AWS::SQS::Queue")
                .forEach((name, properties) -> queueResources.put(String.valueOf(properties.get("QueueName")), name));

        assertThat(queueResources.keySet())
                .as("SQS queues in deploy/ecs")
                .containsExactlyInAnyOrderElementsOf(expectedQueueNames());
        for (EventQueue queue : EventQueue.values()) {
            Map<String, Object> redrive =
                    map(properties(queueResources.get(queue.queueName())).get("RedrivePolicy"));
            String deadLetterTarget = String.valueOf(redrive.get("deadLetterTargetArn"));
            assertThat(String.valueOf(redrive.get("maxReceiveCount")))
                    .as("%s maxReceiveCount", queue.queueName())
                    .isEqualTo(Integer.toString(EventQueue.MAX_RECEIVE_COUNT));
            assertThat(deadLetterTarget)
                    .as("%s dead-letter target", queue.queueName())
                    .isEqualTo(queueResources.get(queue.deadLetterQueueName()) + ".Arn");
        }
    }

    @Test
    void everyDeadLetterQueueHasAnAlarmThatNotifiesSomeone() {
        Map<String, String> queueResources = new HashMap<>();
        resourcesOfType("AWS::SQS::Queue")
                .forEach((name, properties) -> queueResources.put(String.valueOf(properties.get("QueueName")), name));
        Set<String> topics = resourcesOfType("AWS::SNS::Topic").keySet();
        Map<String, Map<String, Object>> alarms = resourcesOfType("AWS::CloudWatch::Alarm");

        for (EventQueue queue : EventQueue.values()) {
            String dlqQueueName = queueResources.get(queue.deadLetterQueueName()) + ".QueueName";
            List<Map<String, Object>> watching = alarms.values().stream()
                    .filter(alarm -> list(alarm.get("Dimensions")).stream()
                            .anyMatch(dimension -> dlqQueueName.equals(
                                    String.valueOf(map(dimension).get("Value")))))
                    .toList();
            assertThat(watching).as("alarms on %s", queue.deadLetterQueueName()).hasSize(1);
            Map<String, Object> alarm = watching.get(0);
            assertThat(String.valueOf(alarm.get("MetricName"))).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(list(alarm.get("AlarmActions")))
                    .as("actions of the alarm on %s", queue.deadLetterQueueName())
                    .isNotEmpty()
                    .allSatisfy(action -> assertThat(topics).contains(String.valueOf(action)));
        }
    }

    @Test
    void elasticMqDeclaresEveryQueueWithItsDeadLetterQueueAndNoOther() throws IOException {
        String config = Files.readString(root.resolve("deploy/compose/elasticmq.conf"));
        String queuesBlock = config.substring(config.indexOf("queues {"));
        Set<String> declared = names(Pattern.compile("(?m)^\\s*\"([^\"]+)\"\\s*\\{"), queuesBlock);
        Map<String, String> redrives = new HashMap<>();
        Matcher redrive = Pattern.compile(
                        "\"([^\"]+)\"\\s*\\{[^}]*?deadLettersQueue\\s*\\{\\s*name\\s*=\\s*\"([^\"]+)\"\\s*maxReceiveCount\\s*=\\s*(\\d+)")
                .matcher(queuesBlock);
        while (redrive.find()) {
            assertThat(Integer.parseInt(redrive.group(3)))
                    .as("%s maxReceiveCount", redrive.group(1))
                    .isEqualTo(EventQueue.MAX_RECEIVE_COUNT);
            redrives.put(redrive.group(1), redrive.group(2));
        }

        assertThat(declared).as("queues in elasticmq.conf").containsExactlyInAnyOrderElementsOf(expectedQueueNames());
        assertThat(redrives)
                .as("dead-letter queue of each queue in elasticmq.conf")
                .isEqualTo(Arrays.stream(EventQueue.values())
                        .collect(Collectors.toMap(EventQueue::queueName, EventQueue::deadLetterQueueName)));
    }

    @Test
    void composeRunsTheFiveServicesFromTheirImagesOnUpsPortsAndOnlyKnownServers() {
        Map<String, Object> services = map(compose.get("services"));

        assertThat(services.keySet()).containsAll(serviceModules());
        assertThat(new TreeSet<>(services.keySet()))
                .as("compose services that are neither a module nor a known server")
                .allMatch(name -> serviceModules().contains(name) || COMPOSE_SERVERS.contains(name));
        for (LocalService service : LocalService.values()) {
            Map<String, Object> composed = map(services.get(service.module()));
            assertThat(String.valueOf(composed.get("image"))).startsWith("nyc311/" + service.module() + ":");
            // the host port ./nyc311 up uses, onto the images' 8080
            assertThat(list(composed.get("ports")))
                    .as("%s ports", service.module())
                    .containsExactly("127.0.0.1:" + service.defaultPort() + ":8080");
        }
    }

    @Test
    void ecsRunsTheFiveServicesAndNothingElse() {
        Set<String> containers = new TreeSet<>();
        resourcesOfType("AWS::ECS::TaskDefinition")
                .values()
                .forEach(taskDefinition -> list(taskDefinition.get("ContainerDefinitions"))
                        .forEach(container -> {
                            String name = String.valueOf(map(container).get("Name"));
                            String image = String.valueOf(map(container).get("Image"));
                            if (ECS_SUPPORT_CONTAINERS.containsKey(name)) {
                                assertThat(image).as("image of %s", name).isEqualTo(ECS_SUPPORT_CONTAINERS.get(name));
                            } else {
                                containers.add(name);
                                assertThat(image).contains("/" + name + ":");
                            }
                        }));
        Set<String> ecsServices = resourcesOfType("AWS::ECS::Service").values().stream()
                .map(service -> String.valueOf(service.get("ServiceName")))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(containers)
                .as("containers of the task definitions")
                .containsExactlyInAnyOrderElementsOf(serviceModules());
        assertThat(ecsServices).as("ECS services").containsExactlyInAnyOrderElementsOf(serviceModules());
    }

    @Test
    void everyEnvironmentVariableBindsToAKeyTheCodeHas() {
        Map<String, Set<String>> unknown = new TreeMap<>();
        composeEnvironment()
                .forEach((service, names) -> names.stream()
                        .filter(name -> !keys.knowsVariable(name))
                        .forEach(name -> unknown.computeIfAbsent("docker-compose.yml " + service, k -> new TreeSet<>())
                                .add(name)));
        ecsEnvironment()
                .forEach((container, names) -> names.stream()
                        .filter(name -> !keys.knowsVariable(name))
                        .forEach(name -> unknown.computeIfAbsent("deploy/ecs " + container, k -> new TreeSet<>())
                                .add(name)));

        assertThat(composeEnvironment()).isNotEmpty();
        assertThat(ecsEnvironment()).isNotEmpty();
        assertThat(unknown)
                .as("environment variables that bind to no key in any application*.yml, @ConfigurationProperties "
                        + "record, ./nyc311 up or PropertyKeys.STANDARD_KEYS")
                .isEmpty();
    }

    @Test
    void theKeyCheckKnowsRelaxedBindingAndRejectsKeysTheCodeLacks() {
        assertThat(PropertyKeys.environmentForm("nyc311.ingest.soda.app-token"))
                .isEqualTo("NYC311_INGEST_SODA_APPTOKEN");
        // one of each source: application.yml, a record component (nested), ./nyc311 up, the standard list
        assertThat(keys.knowsKey("management.endpoint.health.probes.enabled")).isTrue();
        assertThat(keys.knowsKey("nyc311.controller.databricks.job-id")).isTrue();
        assertThat(keys.knowsKey("nyc311.services.forecast-service.url")).isTrue();
        assertThat(keys.knowsKey("spring.flyway.schemas")).isTrue();
        assertThat(keys.knowsVariable("NYC311_INGEST_SODA_APPTOKEN")).isTrue();
        assertThat(keys.knowsVariable("NYC311_INGEST_SODA_NOSUCHKEY")).isFalse();
        assertThat(keys.knowsVariable("NYC311_SERVICES_NOSUCHSERVICE_URL")).isFalse();
        // a variable an application*.yml reads in a placeholder (dashboard-ui's application.yml, its OIDC login)
        assertThat(keys.knowsVariable("NYC311_OIDC_CLIENT_ID")).isTrue();
        assertThat(keys.knowsVariable("NYC311_OIDC_NOSUCHVARIABLE")).isFalse();
    }

    private static Map<String, Set<String>> composeEnvironment() {
        Map<String, Set<String>> environment = new HashMap<>();
        Map<String, Object> services = map(compose.get("services"));
        for (String module : serviceModules()) {
            environment.put(
                    module,
                    new TreeSet<>(
                            map(map(services.get(module)).get("environment")).keySet()));
        }
        return environment;
    }

    private static Map<String, Set<String>> ecsEnvironment() {
        Map<String, Set<String>> environment = new HashMap<>();
        resourcesOfType("AWS::ECS::TaskDefinition")
                .values()
                .forEach(taskDefinition -> list(taskDefinition.get("ContainerDefinitions")).stream()
                        .filter(container -> serviceModules()
                                .contains(String.valueOf(map(container).get("Name"))))
                        .forEach(container -> {
                            Set<String> names = environment.computeIfAbsent(
                                    String.valueOf(map(container).get("Name")), k -> new TreeSet<>());
                            Stream.concat(
                                            list(map(container).get("Environment")).stream(),
                                            list(map(container).get("Secrets")).stream())
                                    .forEach(variable -> names.add(
                                            String.valueOf(map(variable).get("Name"))));
                        }));
        return environment;
    }

    private static Set<String> expectedQueueNames() {
        Set<String> names = new HashSet<>();
        for (EventQueue queue : EventQueue.values()) {
            names.add(queue.queueName());
            names.add(queue.deadLetterQueueName());
        }
        return names;
    }

    private static Set<String> serviceModules() {
        return Arrays.stream(LocalService.values())
                .map(LocalService::module)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> ofType = new HashMap<>();
        resources.forEach((name, resource) -> {
            if (type.equals(resource.get("Type"))) {
                ofType.put(name, map(resource.get("Properties")));
            }
        });
        return ofType;
    }

    private static Map<String, Object> properties(String resourceName) {
        return map(resources.getOrDefault(resourceName, Map.of()).get("Properties"));
    }

    private static List<Path> templates() {
        try (Stream<Path> files = Files.list(root.resolve("deploy/ecs"))) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Optional<Path> onPath(String executable) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, executable))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
