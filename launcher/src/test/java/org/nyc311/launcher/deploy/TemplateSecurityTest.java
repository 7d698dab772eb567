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
 * deploy/ecs/nyc311.yaml is least-privilege and authenticated in every stack it can make (prod, dev, dev with its load
 * balancer, a public dashboard URL): no wildcard resource in our own policies, the RDS master user's secret in the
 * database-users task only, each Databricks service principal's secret in its own service only, no public route of a mutating method to a service that checks no tokens, no cross-account
 * trust without an ExternalId, no management port behind the load balancer, no JDBC URL that does not verify the
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
                Arguments.of("dev with its load balancer", Map.of("Environment", "dev", "DevLoadBalancer", "true")),
                Arguments.of(
                        "prod with a dashboard URL",
                        Map.of("Environment", "prod", "DashboardPublicUrl", "https://nyc311.example.org")));
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
        assertThat(prod.resourcesOfType("AWS::ElasticLoadBalancingV2::ListenerRule"))
                .isNotEmpty();
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
        TemplateSecurityRules rules = rules(balancer("""
                  ForecastWrite:
                    Type: AWS::ElasticLoadBalancingV2::ListenerRule
                    Properties:
                      ListenerArn: !Ref Listener
                      Conditions:
                        - Field: http-request-method
                          HttpRequestMethodConfig:
                            Values: [POST]
                        - Field: path-pattern
                          PathPatternConfig:
                            Values: [/api/v1/forecast-runs]
                      Actions:
                        - Type: forward
                          TargetGroupArn: !Ref OpenGroup
                  ReadOnly:
                    Type: AWS::ElasticLoadBalancingV2::ListenerRule
                    Properties:
                      ListenerArn: !Ref Listener
                      Conditions:
                        - Field: http-request-method
                          HttpRequestMethodConfig:
                            Values: [GET, HEAD]
                      Actions:
                        - Type: forward
                          TargetGroupArn: !Ref OpenGroup
                  AnyMethodToCheckedService:
                    Type: AWS::ElasticLoadBalancingV2::ListenerRule
                    Properties:
                      ListenerArn: !Ref Listener
                      Conditions:
                        - Field: path-pattern
                          PathPatternConfig:
                            Values: [/api/*]
                      Actions:
                        - Type: forward
                          TargetGroupArn: !Ref CheckedGroup
                """, "forward"));

        assertThat(rules.unauthenticatedMutatingRoutes())
                .hasSize(2)
                .anySatisfy(
                        finding -> assertThat(finding).contains("listener rule ForecastWrite", "[POST]", "OpenGroup"))
                .anySatisfy(finding ->
                        assertThat(finding).contains("listener Listener default action", "every method", "OpenGroup"));
    }

    @Test
    void aPublicRouteEndingInAFixedResponseNeedsNoAuthentication() throws IOException {
        TemplateSecurityRules rules = rules(balancer("", "fixed-response"));

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
    void theManagementPortBehindTheLoadBalancerIsRefused() throws IOException {
        TemplateSecurityRules rules = rules("""
                Resources:
                  BalancerGroup:
                    Type: AWS::EC2::SecurityGroup
                  Balancer:
                    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                    Properties:
                      SecurityGroups: [!Ref BalancerGroup]
                  ServiceGroup:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      SecurityGroupIngress:
                        - IpProtocol: tcp
                          FromPort: 8080
                          ToPort: 8081
                          SourceSecurityGroupId: !Ref BalancerGroup
                  Metrics:
                    Type: AWS::ElasticLoadBalancingV2::TargetGroup
                    Properties:
                      Port: 8081
                      HealthCheckPort: "8081"
                  Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: forecast-service
                          Environment:
                            - Name: MANAGEMENT_SERVER_PORT
                              Value: "8081"
                  UnsplitTask:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ContainerDefinitions:
                        - Name: dashboard-ui
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref Task
                      LoadBalancers:
                        - ContainerName: forecast-service
                          ContainerPort: 8081
                          TargetGroupArn: !Ref Metrics
                  Dashboard:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref UnsplitTask
                      LoadBalancers:
                        - ContainerName: dashboard-ui
                          ContainerPort: 8080
                          TargetGroupArn: !Ref Metrics
                """);

        assertThat(rules.managementPortBehindLoadBalancer())
                .hasSize(5)
                .anySatisfy(finding -> assertThat(finding).contains("target group Metrics Port 8081"))
                .anySatisfy(finding -> assertThat(finding).contains("target group Metrics HealthCheckPort 8081"))
                .anySatisfy(finding -> assertThat(finding).contains("service Service", "management port 8081"))
                .anySatisfy(finding ->
                        assertThat(finding).contains("service Dashboard", "actuator on its traffic port 8080"))
                .anySatisfy(finding -> assertThat(finding)
                        .contains("security group admits the load balancer on management port 8081"));
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

    /** An internet-facing load balancer whose listener's default action is of the given type, two target groups and their services. */
    private static String balancer(String rules, String defaultAction) {
        String action = defaultAction.equals("forward")
                ? "        - Type: forward\n          TargetGroupArn: !Ref OpenGroup\n"
                : "        - Type: fixed-response\n          FixedResponseConfig: {StatusCode: \"404\"}\n";
        return """
                Resources:
                  Balancer:
                    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                    Properties:
                      Scheme: internet-facing
                  Listener:
                    Type: AWS::ElasticLoadBalancingV2::Listener
                    Properties:
                      LoadBalancerArn: !Ref Balancer
                      DefaultActions:
                """ + action.indent(4) + """
                  OpenGroup:
                    Type: AWS::ElasticLoadBalancingV2::TargetGroup
                  CheckedGroup:
                    Type: AWS::ElasticLoadBalancingV2::TargetGroup
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
                  OpenService:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref OpenTask
                      LoadBalancers:
                        - {ContainerName: forecast-service, ContainerPort: 8080, TargetGroupArn: !Ref OpenGroup}
                  CheckedService:
                    Type: AWS::ECS::Service
                    Properties:
                      TaskDefinition: !Ref CheckedTask
                      LoadBalancers:
                        - {ContainerName: anomaly-service, ContainerPort: 8080, TargetGroupArn: !Ref CheckedGroup}
                """ + rules;
    }

    private TemplateSecurityRules rules(String fragment) throws IOException {
        Path file = Files.writeString(folder.resolve("fragment.yaml"), fragment);
        return TemplateSecurityRules.of(Template.load(file, Map.of()));
    }
}
