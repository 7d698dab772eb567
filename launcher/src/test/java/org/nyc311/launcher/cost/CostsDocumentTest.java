package org.nyc311.launcher.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nyc311.launcher.cost.CloudFormationYaml.list;
import static org.nyc311.launcher.cost.CloudFormationYaml.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/COSTS.md holds the output of {@code ./nyc311 cost} for both environments: when the template, the bundle or the
 * price table changes and the document does not, this fails and says how to regenerate it.
 */
class CostsDocumentTest {

    private static final Path ROOT = Path.of(System.getProperty("nyc311.project-root", "."))
            .toAbsolutePath()
            .normalize();

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void costsDocumentHoldsTheTableTheTemplateCostsNow(Deployment environment) throws IOException {
        String document = Files.readString(ROOT.resolve("docs/COSTS.md"));
        String table =
                Estimate.of(ROOT, environment, PriceTable.of("us-east-1")).markdown();

        assertThat(document)
                .as(
                        "docs/COSTS.md is stale for %s: the template, databricks.yml or the price table changed. Regenerate its table "
                                + "with `./nyc311 cost --env %s` (between the <!-- cost --env %s --> markers) and check the reasoning around it",
                        environment.id(), environment.id(), environment.id())
                .contains("<!-- cost --env " + environment.id() + " -->\n\n" + table + "\n<!-- end cost -->");
    }

    @Test
    void theTemplateIsResolvedPerEnvironmentAsCloudFormationWould() {
        Template prod = Template.load(ROOT.resolve(Estimate.TEMPLATE), Map.of("Environment", "prod"));
        Template dev = Template.load(ROOT.resolve(Estimate.TEMPLATE), Map.of("Environment", "dev"));
        Template devWithApi =
                Template.load(ROOT.resolve(Estimate.TEMPLATE), Map.of("Environment", "dev", "DevPublicApi", "true"));

        assertThat(prod.resourcesOfType("AWS::ApiGatewayV2::Api")).hasSize(1);
        assertThat(dev.resourcesOfType("AWS::ApiGatewayV2::Api")).isEmpty();
        assertThat(dev.resourcesOfType("AWS::ApiGatewayV2::Route")).isEmpty();
        assertThat(devWithApi.resourcesOfType("AWS::ApiGatewayV2::Api")).hasSize(1);
        // Fn::If with AWS::NoValue: the property is gone, as in the deployed service
        assertThat(dev.resource("DashboardService").properties())
                .doesNotContainKey("ServiceRegistries")
                .containsEntry("EnableExecuteCommand", true);
        assertThat(list(prod.resource("DashboardService").properties().get("ServiceRegistries")))
                .hasSize(1);
        assertThat(map(list(prod.resource("DashboardService").properties().get("CapacityProviderStrategy"))
                        .get(0)))
                .containsEntry("CapacityProvider", "FARGATE");
        assertThat(map(list(dev.resource("DashboardService").properties().get("CapacityProviderStrategy"))
                        .get(0)))
                .containsEntry("CapacityProvider", "FARGATE_SPOT");
        // functions only a deployed stack knows stay as they are
        assertThat(map(prod.resource("Cluster").properties().get("ClusterName")))
                .containsEntry("Fn::Sub", "nyc311-${Environment}");
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void theBudgetIsTheTargetAndNotifiesTheAlarmTopic(Deployment environment) {
        Template template = Template.load(ROOT.resolve(Estimate.TEMPLATE), Map.of("Environment", environment.id()));
        Estimate estimate = Estimate.of(ROOT, environment, PriceTable.of("us-east-1"));

        assertThat(estimate.budget()).contains(environment == Deployment.PROD ? 100.0 : 60.0);
        assertThat(template.resourcesOfType("AWS::Budgets::Budget"))
                .singleElement()
                .satisfies(budget -> assertThat(list(budget.properties().get("NotificationsWithSubscribers")))
                        .isNotEmpty()
                        .allSatisfy(notification -> assertThat(
                                        list(map(notification).get("Subscribers")))
                                .extracting(subscriber ->
                                        Template.referenced(map(subscriber).get("Address")))
                                .containsOnly("AlarmTopic")));
    }

    @Test
    void everyItemIsPricedAndTheTotalIsTheirSum() {
        Estimate estimate = Estimate.of(ROOT, Deployment.PROD, PriceTable.of("us-east-1"));

        assertThat(estimate.items())
                .extracting(Estimate.Item::component)
                .contains(
                        "forecast-service",
                        "dashboard-ui",
                        "API Gateway HTTP API",
                        "public IPv4 addresses",
                        "Secrets Manager",
                        "Cognito");
        assertThat(estimate.items())
                .allSatisfy(item -> assertThat(item.dollars()).isNotNegative());
        assertThat(estimate.total())
                .isEqualTo(estimate.items().stream()
                        .mapToDouble(Estimate.Item::dollars)
                        .sum());
        // a Fargate task priced by hand from the table: 0.25 vCPU and 1 GB on Spot (30%) for 730 hours
        assertThat(estimate.items())
                .filteredOn(item -> item.component().equals("pipeline-controller"))
                .singleElement()
                .satisfies(item -> assertThat(item.dollars())
                        .isCloseTo(
                                (0.25 * 0.04048 + 1 * 0.004445) * 0.30 * 730,
                                org.assertj.core.data.Offset.offset(1e-9)));
        // the HTTP API by hand: 0.5 million requests at $1.00 a million, and as many DiscoverInstances calls at $1.00
        assertThat(estimate.items())
                .filteredOn(item -> item.component().equals("API Gateway HTTP API"))
                .singleElement()
                .satisfies(item -> assertThat(item.dollars())
                        .isCloseTo(0.5 * (1.00 + 1.00), org.assertj.core.data.Offset.offset(1e-9)));
    }
}
