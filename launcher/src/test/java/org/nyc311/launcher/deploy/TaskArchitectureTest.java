package org.nyc311.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nyc311.launcher.cost.CloudFormationYaml.list;
import static org.nyc311.launcher.cost.CloudFormationYaml.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nyc311.launcher.cost.Template;

/**
 * A task definition that says ARM64 starts only from an image built for arm64: deploy.yml's {@code jib:build} must build
 * every architecture that deploy/ecs gives a task in either environment. And Fargate Spot takes X86_64 only (the ECS
 * user guide, "Fargate capacity providers"), so a service on Spot must say X86_64. Neither mistake shows before a task
 * fails to start in AWS.
 */
class TaskArchitectureTest {

    private static final Path ROOT = Path.of(System.getProperty("nyc311.project-root", "."))
            .toAbsolutePath()
            .normalize();
    private static final Path TEMPLATE = ROOT.resolve("deploy/ecs/nyc311.yaml");
    private static final Map<String, String> PLATFORM_OF_ARCHITECTURE =
            Map.of("X86_64", "linux/amd64", "ARM64", "linux/arm64");
    /** A jib:build command with its continuation lines (a backslash before the line's end). */
    private static final Pattern JIB_BUILD = Pattern.compile("jib:build(?:[^\\\\\\n]|\\\\\\n|\\\\.)*");

    private static final Pattern PLATFORMS = Pattern.compile("-Djib\\.from\\.platforms=([a-z0-9/,]+)");

    private static Set<String> builtPlatforms;

    @BeforeAll
    static void readTheWorkflow() throws IOException {
        String workflow = Files.readString(ROOT.resolve(".github/workflows/deploy.yml"));
        builtPlatforms = new TreeSet<>();
        Matcher build = JIB_BUILD.matcher(workflow);
        while (build.find()) {
            Matcher platforms = PLATFORMS.matcher(build.group());
            // Jib's default when the build names no platforms
            builtPlatforms.addAll(platforms.find() ? List.of(platforms.group(1).split(",")) : List.of("linux/amd64"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"prod", "dev"})
    void everyTaskRunsOnAnArchitectureItsImageIsBuiltFor(String environment) {
        Template stack = Template.load(TEMPLATE, Map.of("Environment", environment));

        List<String> unbuilt = new ArrayList<>();
        for (Template.Resource task : stack.resourcesOfType("AWS::ECS::TaskDefinition")) {
            String platform = PLATFORM_OF_ARCHITECTURE.get(architecture(task));
            if (!builtPlatforms.contains(platform)) {
                unbuilt.add(task.name() + " runs on " + platform);
            }
        }

        assertThat(builtPlatforms).as("platforms deploy.yml builds").isNotEmpty();
        assertThat(unbuilt)
                .as("tasks whose architecture deploy.yml builds no image for (it builds %s)", builtPlatforms)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"prod", "dev"})
    void aServiceOnFargateSpotRunsOnX86(String environment) {
        Template stack = Template.load(TEMPLATE, Map.of("Environment", environment));

        List<String> spotOnArm = new ArrayList<>();
        for (Template.Resource service : stack.resourcesOfType("AWS::ECS::Service")) {
            boolean spot = list(service.properties().get("CapacityProviderStrategy")).stream()
                    .anyMatch(item -> "FARGATE_SPOT".equals(map(item).get("CapacityProvider")));
            Template.Resource task =
                    stack.resource(Template.referenced(service.properties().get("TaskDefinition")));
            if (spot && !"X86_64".equals(architecture(task))) {
                spotOnArm.add(service.name() + " (" + architecture(task) + ")");
            }
        }

        assertThat(spotOnArm).as("services on Fargate Spot that are not X86_64").isEmpty();
    }

    @Test
    void prodRunsItsOnDemandTasksOnGraviton() {
        Template prod = Template.load(TEMPLATE, Map.of("Environment", "prod"));

        // the lever docs/COSTS.md prices: if it were dropped, the committed table would say so too (CostsDocumentTest)
        assertThat(architecture(prod.resource("ForecastTaskDefinition"))).isEqualTo("ARM64");
        assertThat(architecture(prod.resource("DashboardTaskDefinition"))).isEqualTo("ARM64");
        assertThat(builtPlatforms).contains("linux/amd64", "linux/arm64");
    }

    private static String architecture(Template.Resource task) {
        return String.valueOf(map(task.properties().get("RuntimePlatform")).getOrDefault("CpuArchitecture", "X86_64"));
    }
}
