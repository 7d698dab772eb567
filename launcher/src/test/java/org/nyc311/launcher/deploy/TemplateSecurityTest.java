package org.nyc311.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nyc311.launcher.cost.Template;

/**
 * deploy/ecs/nyc311.yaml is least-privilege and authenticated in every stack it can make (prod, dev, dev with its public
 * API, a public dashboard URL): no wildcard resource in our own policies, the RDS master user's secret in the
 * database-users task only, each Databricks service principal's secret in its own service only, no public route of a mutating method to a service that checks no tokens, no cross-account
 * trust without an ExternalId, no management port behind the public API, no login there without a Secure session cookie,
 * no JDBC URL that does not verify the
 * database's certificate. Each rule is shown refusing a small bad fragment, so that a rule that stops seeing anything
 * fails here too.
 */
class TemplateSecurityTest {

    private static final Path ROOT = Path.of(System.getProperty("nyc311.project-root", "."))
            .toAbsolutePath()
            .normalize();
    private static final Path TEMPLATE = ROOT.resolve("deploy/ecs/nyc311.yaml");

    @TempDir
    Path folder;

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("prod", Map.of("Environment", "prod")),
                Arguments.of("dev", Map.of("Environment", "dev")),
                Arguments.of("dev with its public API", Map.of("Environment", "dev", "DevPublicApi", "true")),
                Arguments.of(
                        "prod with a dashboard URL",
                        Map.of(
                                "Environment",
                                "prod",
                                "DashboardPublicUrl",
                                "https://nyc311.example.org",
                                "CertificateArn",
                                "arn:aws:acm:us-east-1:123456789012:certificate/abc")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void theTemplateBreaksNoSecurityRule(String stack, Map<String, String> parameters) {
        TemplateSecurityRules rules = TemplateSecurityRules.of(Template.load(TEMPLATE, parameters));

        assertThat(rules.violations())
                .as("security rules broken by the %s stack", stack)
                .isEmpty();
    }

    @Test
    void theRulesSeeWhatTheyGuardInTheRealTemplate() {
        Template prod = Template.load(TEMPLATE, Map.of("Environment", "prod"));

        // the rules would pass vacuously if the things they check were gone or renamed
        assertThat(prod.resourcesOfType("AWS::ApiGatewayV2::Route")).hasSizeGreaterThan(20);
        assertThat(prod.resource("ForecastService").properties().toString()).contains("ContainerPort=8080");
        assertThat(prod.resource("DashboardTaskDefinition").properties().toString())
                .contains("NYC311_OIDC_ISSUER_URI", TemplateSecurityRules.SECURE_COOKIE_VARIABLE);
        assertThat(prod.resourcesOfType("AWS::Cognito::UserPoolClient")).hasSize(3);
        assertThat(prod.resource("DatabaseUsersTaskDefinition").properties().toString())
                .contains("DatabasePasswordSecret");
        assertThat(prod.resource("ForecastTaskDefinition").properties().toString())
                .contains("NYC311_TOKEN_ISSUER_URI", "MANAGEMENT_SERVER_PORT", "sslmode=verify-full");
        assertThat(prod.resource("DashboardTaskRole").properties().toString()).doesNotContain("sqs:");
        // Unity Catalog's storage credential role lists the bucket only under the lake's prefixes
        assertThat(prod.resource("DatabricksLakeRole").properties().toString())
                .contains("s3:ListBucket", "s3:prefix", "raw/*", "unity-catalog/*", "sts:ExternalId")
                // every folder delta-jobs writes under the lake root: checkpoints, run results, the upkeep's marker
                .contains("_checkpoints/*", "_pipeline_runs/*", "_maintenance/*");
    }

    @Test
    void eachDatabricksServicePrincipalIsReadByItsOwnServiceOnly() {
        Template prod = Template.load(TEMPLATE, Map.of("Environment", "prod"));
        List<String> principals =
                List.of("ControllerDatabricksSecret", "ForecastDatabricksSecret", "AnomalyDatabricksSecret");
        Map<String, String> owners = Map.of(
                "Controller", "ControllerDatabricksSecret",
                "Forecast", "ForecastDatabricksSecret",
                "Anomaly", "AnomalyDatabricksSecret",
                "Ingest", "",
                "Dashboard", "");

        owners.forEach((service, own) -> {
            for (String resource : List.of(service + "ExecutionRole", service + "TaskDefinition")) {
                String properties = prod.resource(resource).properties().toString();
                for (String principal : principals) {
                    if (principal.equals(own)) {
                        assertThat(properties).as(resource).contains(principal);
                    } else {
                        assertThat(properties).as(resource).doesNotContain(principal);
                    }
                }
            }
        });
        // no shared token is left for a service to fall back on
        assertThat(prod.resourcesOfType("AWS::SecretsManager::Secret").toString())
                .doesNotContain("databricks-token");
    }

    @Test
    void aWildcardResourceInOurOwnPolicyIsRefused() throws IOException {
        TemplateSecurityRules rules = rules("""
                Resources:
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      Policies:
                        - PolicyName: too-much
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: sqs:ReceiveMessage
                                Resource: "*"
                              - Effect: Allow
                                Action: s3:GetObject
                                Resource: !Sub arn:${AWS::Partition}:s3:::*
                        # ssmmessages takes no resource but "*": allowed
                        - PolicyName: ecs-exec
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: [ssmmessages:OpenDataChannel]
                                Resource: "*"
                """);

        assertThat(rules.wildcardResources())
                .hasSize(2)
                .anySatisfy(finding -> assertThat(finding).contains("TaskRole too-much #1", "sqs:ReceiveMessage", "*"))
                .anySatisfy(finding -> assertThat(finding).contains("TaskRole too-much #2", "s3:::*"));
    }

    @Test
    void theMasterUsersSecretInAServiceTaskIsRefused() throws IOException {
        TemplateSecurityRules rules = rules("""
                Resources:
                  MasterSecret:
                    Type: AWS::SecretsManager::Secret
                  Database:
                    Type: AWS::RDS::DBInstance
                    Properties:
                      MasterUserPassword: !Sub "{{resolve:secretsmanager:${MasterSecret}:SecretString:password}}"
                  ServiceExecutionRole:
                    Type: AWS::IAM::Role
                    Properties:
                      Policies:
                        - PolicyName: own-secrets
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: secretsmanager:GetSecretValue
                                Resource: [!Ref MasterSecret]
                  ServiceTask:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ExecutionRoleArn: !GetAtt ServiceExecutionRole.Arn
                      ContainerDefinitions:
                        - Name: forecast-service
                          Secrets:
                            - Name: SPRING_DATASOURCE_PASSWORD
                              ValueFrom: !Sub "${MasterSecret}:password::"
                  UsersExecutionRole:
                    Type: AWS::IAM::Role
                    Properties:
                      Policies:
                        - PolicyName: master
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: secretsmanager:GetSecretValue
                                Resource: !Ref MasterSecret
                  UsersTask:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ExecutionRoleArn: !GetAtt UsersExecutionRole.Arn
                      ContainerDefinitions:
                        - Name: database-users
                          Secrets:
                            - Name: PGPASSWORD
                              ValueFrom: !Sub "${MasterSecret}:password::"
                """);

        assertThat(rules.masterSecretOutsideDatabaseUsers())
                .hasSize(2)
                .anySatisfy(finding ->
                        assertThat(finding).contains("task ServiceTask container forecast-service", "MasterSecret"))
                .anySatisfy(finding -> assertThat(finding).contains("ServiceExecutionRole own-secrets"))
                .noneSatisfy(finding -> assertThat(finding).contains("Users"));
    }

    @Test
    void aPublicMutatingRouteToAServiceThatChecksNoTokensIsRefused() throws IOException {
        TemplateSecurityRules rules = rules(publicApi("""
                  ForecastWrite:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      RouteKey: POST /api/v1/forecast-runs
                      Target: !Sub integrations/${OpenIntegration}
                  ReadOnly:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      RouteKey: GET /api/{proxy+}
                      Target: !Sub integrations/${OpenIntegration}
                  Everything:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      RouteKey: $default
                      Target: !Sub integrations/${OpenIntegration}
                  AnyMethodToCheckedService:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      RouteKey: ANY /api/{proxy+}
                      Target: !Sub integrations/${CheckedIntegration}
                  ToNowhere:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      RouteKey: DELETE /api/v1/alerts
                      Target: integrations/abc123
                """));

        assertThat(rules.unauthenticatedMutatingRoutes())
                .hasSize(3)
                .anySatisfy(finding -> assertThat(finding)
                        .contains("route ForecastWrite", "POST /api/v1/forecast-runs", "OpenIntegration"))
                .anySatisfy(finding -> assertThat(finding).contains("route Everything", "$default"))
                .anySatisfy(finding -> assertThat(finding).contains("route ToNowhere", "abc123"));
    }

    @Test
    void aRouteThatApiGatewayAuthorisesNeedsNoTokenCheckBehindIt() throws IOException {
        TemplateSecurityRules rules = rules(publicApi("""
                  NotPublic:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      RouteKey: ANY /actuator/{proxy+}
                      AuthorizationType: AWS_IAM
                      Target: !Sub integrations/${OpenIntegration}
                """));

        assertThat(rules.unauthenticatedMutatingRoutes()).isEmpty();
    }

    @Test
    void crossAccountTrustWithoutAnExternalIdIsRefused() throws IOException {
        TemplateSecurityRules rules = rules("""
                Resources:
                  DatabricksCrossAccount:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {AWS: "arn:aws:iam::414351767826:root"}
                            Action: sts:AssumeRole
                  WithExternalId:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {AWS: "arn:aws:iam::414351767826:root"}
                            Action: sts:AssumeRole
                            Condition:
                              StringEquals:
                                sts:ExternalId: workspace-account-id
                  OwnAccount:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
                            Action: sts:AssumeRole
                  AWSService:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ec2.amazonaws.com}
                            Action: sts:AssumeRole
                """);

        assertThat(rules.crossAccountTrustWithoutExternalId())
                .singleElement()
                .satisfies(finding -> assertThat(finding).contains("role DatabricksCrossAccount", "414351767826"));
    }

    @Test
    void theManagementPortBehindThePublicApiIsRefused() throws IOException {
        TemplateSecurityRules rules = rules(publicApi("""
                  Link:
                    Type: AWS::ApiGatewayV2::VpcLink
                    Properties:
                      SecurityGroupIds: [!Ref LinkGroup]
                  LinkGroup:
                    Type: AWS::EC2::SecurityGroup
                  ServiceGroup:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      SecurityGroupIngress:
                        - IpProtocol: tcp
                          FromPort: 8080
                          ToPort: 8081
                          SourceSecurityGroupId: !Ref LinkGroup
                  Reads:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      RouteKey: GET /api/{proxy+}
                      Target: !Sub integrations/${OpenIntegration}
                  Metrics:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      RouteKey: GET /metrics
                      Target: !Sub integrations/${CheckedIntegration}
                """)
                .replace(
                        "ContainerName: anomaly-service, ContainerPort: 8080",
                        "ContainerName: anomaly-service, ContainerPort: 8081"));

        assertThat(rules.managementPortBehindPublicApi())
                .hasSize(3)
                .anySatisfy(finding ->
                        assertThat(finding).contains("service OpenService", "actuator on its traffic port 8080"))
                .anySatisfy(finding ->
                        assertThat(finding).contains("service CheckedService", "management port 8081 behind"))
                .anySatisfy(finding -> assertThat(finding)
                        .contains("security group admits the public API's VPC link on management port 8081"));
    }

    @Test
    void aLoginBehindThePublicApiWithoutASecureSessionCookieIsRefused() throws IOException {
        String dashboard = """
                  DashboardTask:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: dashboard-ui
                          Environment:
                            - Name: NYC311_OIDC_ISSUER_URI
                              Value: !Sub https://${UserPool.ProviderURL}
                            - Name: SERVER_SERVLET_SESSION_COOKIE_SECURE
                              Value: "%s"
                  DashboardService:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref DashboardTask
                      ServiceRegistries:
                        - {RegistryArn: !GetAtt OpenDiscovery.Arn, ContainerName: dashboard-ui, ContainerPort: 8080}
                  Pages:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      RouteKey: GET /{proxy+}
                      Target: !Sub integrations/${OpenIntegration}
                """;

        assertThat(rules(publicApi(dashboard.formatted("false"))).insecureSessionCookieBehindPublicApi())
                .singleElement()
                .satisfies(finding -> assertThat(finding).contains("service DashboardService", "logs people in"));
        assertThat(rules(publicApi(dashboard.formatted("true"))).insecureSessionCookieBehindPublicApi())
                .isEmpty();
    }

    @Test
    void jdbcThatDoesNotVerifyTheDatabaseIsRefused() throws IOException {
        TemplateSecurityRules rules = rules("""
                Resources:
                  Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: ingest-service
                          Environment:
                            - Name: SPRING_DATASOURCE_URL
                              Value: !Sub jdbc:postgresql://${Database.Endpoint.Address}:5432/nyc311?currentSchema=ingest_service&sslmode=require
                        - Name: anomaly-service
                          Environment:
                            - Name: SPRING_DATASOURCE_URL
                              Value: jdbc:postgresql://db:5432/nyc311?sslmode=verify-full&sslrootcert=/rds-ca/rds-ca.pem
                        - Name: forecast-service
                          Environment:
                            - Name: SPRING_DATASOURCE_URL
                              Value: jdbc:postgresql://db:5432/nyc311?sslmode=verify-full
                """);

        assertThat(rules.jdbcWithoutVerifyFull())
                .hasSize(2)
                .anySatisfy(finding -> assertThat(finding).contains("sslmode=require"))
                .anySatisfy(finding -> assertThat(finding).endsWith("nyc311?sslmode=verify-full"));
    }

    /**
     * An HTTP API with two private integrations, each through a Cloud Map service that an ECS service registers its
     * container with: forecast-service checking no tokens, anomaly-service checking them.
     */
    private static String publicApi(String routes) {
        return """
                Resources:
                  Api:
                    Type: AWS::ApiGatewayV2::Api
                    Properties:
                      ProtocolType: HTTP
                  OpenDiscovery:
                    Type: AWS::ServiceDiscovery::Service
                  CheckedDiscovery:
                    Type: AWS::ServiceDiscovery::Service
                  OpenIntegration:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: HTTP_PROXY
                      IntegrationUri: !GetAtt OpenDiscovery.Arn
                  CheckedIntegration:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: HTTP_PROXY
                      IntegrationUri: !GetAtt CheckedDiscovery.Arn
                  OpenTask:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: forecast-service
                  CheckedTask:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: anomaly-service
                          Environment:
                            - Name: NYC311_TOKEN_ISSUER_URI
                              Value: !Sub https://${UserPool.ProviderURL}
                            - Name: MANAGEMENT_SERVER_PORT
                              Value: "8081"
                  OpenService:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref OpenTask
                      ServiceRegistries:
                        - {RegistryArn: !GetAtt OpenDiscovery.Arn, ContainerName: forecast-service, ContainerPort: 8080}
                  CheckedService:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref CheckedTask
                      ServiceRegistries:
                        - {RegistryArn: !GetAtt CheckedDiscovery.Arn, ContainerName: anomaly-service, ContainerPort: 8080}
                """ + routes;
    }

    private TemplateSecurityRules rules(String fragment) throws IOException {
        Path file = Files.writeString(folder.resolve("fragment.yaml"), fragment);
        return TemplateSecurityRules.of(Template.load(file, Map.of()));
    }
}
