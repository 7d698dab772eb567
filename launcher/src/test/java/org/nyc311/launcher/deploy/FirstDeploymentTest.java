package org.nyc311.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.launcher.cost.Template;

/**
 * A first create with {@code StartServices=false} starts no task (deploy/README.md, first deployment): the services'
 * Databricks secrets are empty and Unity Catalog is not set up yet, so a started task would fail and the deployment
 * circuit breakers would roll the stack back. The default starts everything.
 */
class FirstDeploymentTest {

    private static final Path TEMPLATE = Path.of(System.getProperty("nyc311.project-root", "."))
            .toAbsolutePath()
            .normalize()
            .resolve("deploy/ecs/nyc311.yaml");

    @Test
    void aStackCreatedWithServicesStoppedRunsNoTaskAndNoSchedule() {
        Template stopped = Template.load(TEMPLATE, Map.of("Environment", "prod", "StartServices", "false"));

        assertThat(stopped.resourcesOfType("AWS::ECS::Service"))
                .hasSize(5)
                .allSatisfy(service -> assertThat(service.properties()).containsEntry("DesiredCount", 0));
        assertThat(stopped.resourcesOfType("AWS::ApplicationAutoScaling::ScalableTarget"))
                .isNotEmpty()
                .allSatisfy(target -> assertThat(target.properties())
                        .containsEntry("MinCapacity", 0)
                        .containsEntry("MaxCapacity", 0));
        assertThat(stopped.resource("DailyIntakeSchedule").properties()).containsEntry("State", "DISABLED");
    }

    @Test
    void byDefaultEveryServiceRunsOneTaskAndTheIntakeIsScheduled() {
        Template started = Template.load(TEMPLATE, Map.of("Environment", "dev"));

        assertThat(started.resourcesOfType("AWS::ECS::Service"))
                .hasSize(5)
                .allSatisfy(service -> assertThat(service.properties()).containsEntry("DesiredCount", 1));
        assertThat(started.resource("DailyIntakeSchedule").properties()).containsEntry("State", "ENABLED");
    }
}
