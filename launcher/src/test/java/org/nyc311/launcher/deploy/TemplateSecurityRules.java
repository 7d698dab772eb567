package org.nyc311.launcher.deploy;

import static org.nyc311.launcher.cost.CloudFormationYaml.list;
import static org.nyc311.launcher.cost.CloudFormationYaml.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nyc311.launcher.cost.Template;

/**
 * The security rules of deploy/ecs, over one stack as CloudFormation would create it ({@link Template}: conditions
 * evaluated, {@code !If} resolved). Each rule returns what breaks it, one sentence per finding, so that a failing test
 * names the resource. {@link TemplateSecurityTest} holds the real template to them and shows each rule refusing a small
 * bad fragment.
 */
final class TemplateSecurityRules {

    /** Methods that change state: a public route to one of them must end at a service that checks credentials. */
    static final Set<String> MUTATING_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    /**
     * How a task says it authenticates every request: a backend as an OAuth2 resource server trusting this issuer
     * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), the dashboard as an OIDC login client of it.
     */
    static final Set<String> AUTHENTICATING_VARIABLES = Set.of("NYC311_TOKEN_ISSUER_URI", "NYC311_OIDC_ISSUER_URI");

    /** API Gateway's own authorizers: a route with one of them refuses a request before any service sees it. */
    static final Set<String> GATEWAY_AUTHORIZATIONS = Set.of("AWS_IAM", "JWT", "CUSTOM");

    /** Spring Boot's session cookie flag, as an environment variable. */
    static final String SECURE_COOKIE_VARIABLE = "SERVER_SERVLET_SESSION_COOKIE_SECURE";

    /** Spring Boot's management port: actuator (prometheus included) listens there when it is set. */
    static final String MANAGEMENT_PORT_VARIABLE = "MANAGEMENT_SERVER_PORT";

    /** The one container allowed the RDS master user's secret. */
    static final String DATABASE_USERS_CONTAINER = "database-users";

    /** Actions of services that have no resource types: IAM takes only "*" for them (ECS Exec's session channels). */
    private static final List<String> ACTIONS_WITHOUT_RESOURCE_TYPES = List.of("ssmmessages:");

    private static final Pattern ANY_RESOURCE_OF_A_SERVICE = Pattern.compile("arn:[^:]*:[^:]*:[^:]*:[^:]*:\\*");
    private static final Pattern RESOLVED_SECRET =
            Pattern.compile("\\{\\{resolve:secretsmanager:\\$\\{([A-Za-z0-9]+)}");
    private static final Set<String> POLICY_TYPES = Set.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy");

    private final Template stack;

    private TemplateSecurityRules(Template stack) {
        this.stack = stack;
    }

    static TemplateSecurityRules of(Template stack) {
        return new TemplateSecurityRules(stack);
    }

    /** Every finding of every rule. */
    List<String> violations() {
        List<String> all = new ArrayList<>();
        all.addAll(wildcardResources());
        all.addAll(masterSecretOutsideDatabaseUsers());
        all.addAll(unauthenticatedMutatingRoutes());
        all.addAll(crossAccountTrustWithoutExternalId());
        all.addAll(managementPortBehindPublicApi());
        all.addAll(insecureSessionCookieBehindPublicApi());
        all.addAll(jdbcWithoutVerifyFull());
        return all;
    }

    /** An Allow statement of our own roles and policies on "*" (or every resource of a service), bar actions that take nothing else. */
    List<String> wildcardResources() {
        List<String> found = new ArrayList<>();
        policyStatements().forEach((where, statement) -> {
            if (!"Allow".equals(statement.get("Effect"))) {
                return;
            }
            if (statement.containsKey("NotResource")) {
                found.add(where + " allows NotResource, i.e. everything else");
            }
            List<Object> actions = values(statement.get("Action"));
            boolean onlyActionsWithoutResourceTypes = !actions.isEmpty()
                    && actions.stream()
                            .allMatch(action -> ACTIONS_WITHOUT_RESOURCE_TYPES.stream()
                                    .anyMatch(String.valueOf(action)::startsWith));
            for (Object resource : values(statement.get("Resource"))) {
                // ${AWS::Partition} and the like hold colons: read them as one word before splitting the ARN
                String text = text(resource).orElse("").replaceAll("\\$\\{AWS::([A-Za-z]+)}", "$1");
                if ((text.equals("*") || ANY_RESOURCE_OF_A_SERVICE.matcher(text).matches())
                        && !onlyActionsWithoutResourceTypes) {
                    found.add(where + " allows " + actions + " on " + text);
                }
            }
        });
        return found;
    }

    /** The RDS master user's secret reaches no task but database-users, and no role but that task's execution role. */
    List<String> masterSecretOutsideDatabaseUsers() {
        Set<String> masterSecrets = masterSecrets();
        List<String> found = new ArrayList<>();
        Set<String> allowedRoles = new LinkedHashSet<>();
        for (Template.Resource task : stack.resourcesOfType("AWS::ECS::TaskDefinition")) {
            boolean databaseUsers = containers(task).stream()
                    .anyMatch(container -> DATABASE_USERS_CONTAINER.equals(container.get("Name")));
            if (databaseUsers) {
                attTarget(task.properties().get("ExecutionRoleArn")).ifPresent(allowedRoles::add);
                continue;
            }
            for (Map<String, Object> container : containers(task)) {
                for (String secret : masterSecrets) {
                    if (mentions(container.get("Secrets"), secret) || mentions(container.get("Environment"), secret)) {
                        found.add("task " + task.name() + " container " + container.get("Name")
                                + " gets the master user's secret " + secret);
                    }
                }
            }
        }
        policyStatements().forEach((where, statement) -> {
            String role = where.substring(0, where.indexOf(' '));
            for (String secret : masterSecrets) {
                if ("Allow".equals(statement.get("Effect"))
                        && mentions(statement.get("Resource"), secret)
                        && !allowedRoles.contains(role)) {
                    found.add(where + " grants the master user's secret " + secret);
                }
            }
        });
        return found;
    }

    /**
     * A public route (every HTTP API here is on the internet) that lets a mutating method through, with no authorizer of
     * API Gateway's, to an integration whose service checks no credentials.
     */
    List<String> unauthenticatedMutatingRoutes() {
        List<String> found = new ArrayList<>();
        for (Template.Resource route : stack.resourcesOfType("AWS::ApiGatewayV2::Route")) {
            String key = String.valueOf(route.properties().get("RouteKey"));
            String method = key.equals("$default") ? "ANY" : key.split(" ", 2)[0];
            boolean mutating = method.equals("ANY") || MUTATING_METHODS.contains(method);
            String authorization = String.valueOf(route.properties().getOrDefault("AuthorizationType", "NONE"));
            if (!mutating || GATEWAY_AUTHORIZATIONS.contains(authorization)) {
                continue;
            }
            String integration = integrationOf(route).orElse("(none)");
            List<PublicTarget> targets = targetsOf(integration);
            boolean authenticated = !targets.isEmpty()
                    && targets.stream()
                            .allMatch(target -> AUTHENTICATING_VARIABLES.stream()
                                    .anyMatch(variable -> environmentValue(target.container(), variable)
                                            .filter(value -> !value.isBlank())
                                            .isPresent()));
            if (!authenticated) {
                found.add("route " + route.name() + " lets " + key + " through to integration " + integration
                        + ", whose service checks no credentials (none of " + AUTHENTICATING_VARIABLES + ")");
            }
        }
        return found;
    }

    /** A role that another AWS account (or anyone) may assume without an sts:ExternalId condition. */
    List<String> crossAccountTrustWithoutExternalId() {
        List<String> found = new ArrayList<>();
        for (Template.Resource role : stack.resourcesOfType("AWS::IAM::Role")) {
            for (Object raw : values(
                    map(role.properties().get("AssumeRolePolicyDocument")).get("Statement"))) {
                Map<String, Object> statement = map(raw);
                Object principal = statement.get("Principal");
                List<Object> awsPrincipals = "*".equals(principal)
                        ? List.of("*")
                        : values(map(principal).get("AWS"));
                boolean crossAccount = awsPrincipals.stream().anyMatch(candidate -> !ownAccount(candidate));
                if ("Allow".equals(statement.get("Effect")) && crossAccount && !hasExternalId(statement)) {
                    found.add("role " + role.name() + " trusts " + awsPrincipals
                            + " without an sts:ExternalId condition");
                }
            }
        }
        return found;
    }

    /**
     * The management port behind the public API: a service registered for an integration on it, or a container behind
     * the API with actuator still on its traffic port, or a rule of a security group that admits the API's VPC link on
     * it.
     */
    List<String> managementPortBehindPublicApi() {
        List<String> found = new ArrayList<>();
        Set<Integer> ports = new LinkedHashSet<>();
        for (Template.Resource task : stack.resourcesOfType("AWS::ECS::TaskDefinition")) {
            for (Map<String, Object> container : containers(task)) {
                environmentValue(container, MANAGEMENT_PORT_VARIABLE)
                        .map(Integer::parseInt)
                        .ifPresent(ports::add);
            }
        }
        for (PublicTarget target : publicTargets()) {
            Optional<Integer> management = environmentValue(target.container(), MANAGEMENT_PORT_VARIABLE)
                    .map(Integer::parseInt);
            if (management.isEmpty()) {
                found.add("service " + target.service() + " puts "
                        + target.container().get("Name")
                        + " behind the public API with actuator on its traffic port " + target.port() + " (no "
                        + MANAGEMENT_PORT_VARIABLE + ")");
            } else if (management.get().equals(target.port())) {
                found.add("service " + target.service() + " puts "
                        + target.container().get("Name") + "'s management port " + target.port()
                        + " behind the public API");
            }
        }
        Set<String> linkGroups = new LinkedHashSet<>();
        stack.resourcesOfType("AWS::ApiGatewayV2::VpcLink")
                .forEach(link -> values(link.properties().get("SecurityGroupIds"))
                        .forEach(group -> ref(group).ifPresent(linkGroups::add)));
        List<Map<String, Object>> ingressRules = new ArrayList<>();
        stack.resourcesOfType("AWS::EC2::SecurityGroup")
                .forEach(group -> list(group.properties().get("SecurityGroupIngress"))
                        .forEach(rule -> ingressRules.add(map(rule))));
        stack.resourcesOfType("AWS::EC2::SecurityGroupIngress").forEach(rule -> ingressRules.add(rule.properties()));
        for (Map<String, Object> rule : ingressRules) {
            if (!linkGroups.contains(ref(rule.get("SourceSecurityGroupId")).orElse(""))) {
                continue;
            }
            int from = Integer.parseInt(String.valueOf(rule.getOrDefault("FromPort", 0)));
            int to = Integer.parseInt(String.valueOf(rule.getOrDefault("ToPort", 65535)));
            ports.stream()
                    .filter(port -> from <= port && port <= to)
                    .forEach(port ->
                            found.add("a security group admits the public API's VPC link on management port " + port));
        }
        return found;
    }

    /**
     * A login session cookie that may travel in the clear: a container behind the public API that logs people in
     * (OIDC) must set {@value #SECURE_COOKIE_VARIABLE} true, since TLS ends at API Gateway and Tomcat sees plain HTTP.
     */
    List<String> insecureSessionCookieBehindPublicApi() {
        List<String> found = new ArrayList<>();
        for (PublicTarget target : publicTargets()) {
            boolean logsPeopleIn = environmentValue(target.container(), "NYC311_OIDC_ISSUER_URI")
                    .filter(value -> !value.isBlank())
                    .isPresent();
            boolean secure = environmentValue(target.container(), SECURE_COOKIE_VARIABLE)
                    .filter("true"::equals)
                    .isPresent();
            if (logsPeopleIn && !secure) {
                found.add("service " + target.service() + " logs people in behind the public API without "
                        + SECURE_COOKIE_VARIABLE + "=true");
            }
        }
        return found;
    }

    /** A PostgreSQL JDBC URL that does not verify the server's certificate and name against a CA bundle. */
    List<String> jdbcWithoutVerifyFull() {
        List<String> found = new ArrayList<>();
        for (Template.Resource resource : allResources()) {
            strings(resource.properties()).stream()
                    .filter(text -> text.startsWith("jdbc:postgresql:"))
                    .filter(url -> !url.contains("sslmode=verify-full") || !url.contains("sslrootcert="))
                    .forEach(url -> found.add(resource.name() + " connects with " + url));
        }
        return found;
    }

    /** A container an integration of the public API reaches: its ECS service, the container and the port registered. */
    private record PublicTarget(String service, Map<String, Object> container, Integer port) {}

    /** Every container some route of a public API reaches. */
    private List<PublicTarget> publicTargets() {
        Set<String> integrations = new LinkedHashSet<>();
        stack.resourcesOfType("AWS::ApiGatewayV2::Route")
                .forEach(route -> integrationOf(route).ifPresent(integrations::add));
        List<PublicTarget> all = new ArrayList<>();
        integrations.forEach(integration -> all.addAll(targetsOf(integration)));
        return all;
    }

    /** The integration a route's target names ({@code integrations/<id>}), as the resource that defines it. */
    private static Optional<String> integrationOf(Template.Resource route) {
        return text(route.properties().get("Target"))
                .map(target -> target.replaceFirst("^integrations/", "").replaceAll("^\\$\\{([A-Za-z0-9]+)}$", "$1"));
    }

    /**
     * The containers behind an integration: it names a Cloud Map service (its ARN, as API Gateway's private integrations
     * do), and ECS services register their tasks' containers there. Empty when the integration is not a resource of
     * this stack or reaches no service of it.
     */
    private List<PublicTarget> targetsOf(String integration) {
        List<Template.Resource> matching = stack.resourcesOfType("AWS::ApiGatewayV2::Integration").stream()
                .filter(resource -> resource.name().equals(integration))
                .toList();
        if (matching.isEmpty()) {
            return List.of();
        }
        Optional<String> registry = attTarget(matching.get(0).properties().get("IntegrationUri"));
        List<PublicTarget> targets = new ArrayList<>();
        for (Template.Resource service : stack.resourcesOfType("AWS::ECS::Service")) {
            for (Object entry : list(service.properties().get("ServiceRegistries"))) {
                Map<String, Object> registration = map(entry);
                if (registry.isEmpty() || !registry.equals(attTarget(registration.get("RegistryArn")))) {
                    continue;
                }
                Template.Resource task = stack.resource(
                        ref(service.properties().get("TaskDefinition")).orElseThrow());
                String name = String.valueOf(registration.get("ContainerName"));
                Object port = registration.getOrDefault("ContainerPort", registration.get("Port"));
                containers(task).stream()
                        .filter(container -> name.equals(container.get("Name")))
                        .findFirst()
                        .ifPresent(container -> targets.add(new PublicTarget(
                                service.name(),
                                container,
                                port == null ? null : Integer.parseInt(String.valueOf(port)))));
            }
        }
        return targets;
    }

    /** The secrets named as the master user's password of an RDS instance: a resolved Secrets Manager reference, or its managed secret. */
    private Set<String> masterSecrets() {
        Set<String> secrets = new LinkedHashSet<>();
        for (Template.Resource database : stack.resourcesOfType("AWS::RDS::DBInstance")) {
            text(database.properties().get("MasterUserPassword")).ifPresent(password -> {
                Matcher secret = RESOLVED_SECRET.matcher(password);
                while (secret.find()) {
                    secrets.add(secret.group(1));
                }
            });
            if (Boolean.parseBoolean(String.valueOf(database.properties().get("ManageMasterUserPassword")))) {
                secrets.add(database.name() + ".MasterUserSecret");
            }
        }
        return secrets;
    }

    /** Every statement of our own identity policies, keyed by "role-or-policy policy-name #n". */
    private Map<String, Map<String, Object>> policyStatements() {
        Map<String, Map<String, Object>> statements = new LinkedHashMap<>();
        for (Template.Resource role : stack.resourcesOfType("AWS::IAM::Role")) {
            for (Object policy : list(role.properties().get("Policies"))) {
                addStatements(
                        role.name() + " " + map(policy).get("PolicyName"),
                        map(map(policy).get("PolicyDocument")),
                        statements);
            }
        }
        for (String type : POLICY_TYPES) {
            for (Template.Resource policy : stack.resourcesOfType(type)) {
                // a standalone policy counts for each role it is attached to
                List<Object> roles = values(policy.properties().get("Roles"));
                for (Object role : roles.isEmpty() ? List.<Object>of(policy.name()) : roles) {
                    addStatements(
                            ref(role).orElse(String.valueOf(role)) + " " + policy.name(),
                            map(policy.properties().get("PolicyDocument")),
                            statements);
                }
            }
        }
        return statements;
    }

    private static void addStatements(
            String where, Map<String, Object> document, Map<String, Map<String, Object>> statements) {
        List<Object> all = values(document.get("Statement"));
        for (int i = 0; i < all.size(); i++) {
            statements.put(where + " #" + (i + 1), map(all.get(i)));
        }
    }

    private List<Template.Resource> allResources() {
        List<Template.Resource> all = new ArrayList<>();
        for (String type : List.of(
                "AWS::ECS::TaskDefinition",
                "AWS::Lambda::Function",
                "AWS::SecretsManager::Secret",
                "AWS::SSM::Parameter",
                "AWS::Batch::JobDefinition")) {
            all.addAll(stack.resourcesOfType(type));
        }
        return all;
    }

    private static List<Map<String, Object>> containers(Template.Resource task) {
        return list(task.properties().get("ContainerDefinitions")).stream()
                .map(container -> map(container))
                .toList();
    }

    private static Optional<String> environmentValue(Map<String, Object> container, String name) {
        return list(container.get("Environment")).stream()
                .map(variable -> map(variable))
                .filter(variable -> name.equals(variable.get("Name")))
                .map(variable -> text(variable.get("Value")).orElse(String.valueOf(variable.get("Value"))))
                .findFirst();
    }

    private static boolean ownAccount(Object principal) {
        if ("AWS::AccountId".equals(ref(principal).orElse(""))) {
            return true;
        }
        String text = text(principal).orElse("");
        return text.matches("arn:(aws[a-z-]*|\\$\\{AWS::Partition}):iam::\\$\\{AWS::AccountId}:.+");
    }

    private static boolean hasExternalId(Map<String, Object> statement) {
        Map<String, Object> condition = map(statement.get("Condition"));
        return List.of("StringEquals", "StringEqualsIgnoreCase").stream()
                .anyMatch(operator -> map(condition.get(operator)).containsKey("sts:ExternalId"));
    }

    /** A value as a list: a list stays one, a single value becomes a list of one. */
    private static List<Object> values(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> ? list(value) : List.of(value);
    }

    private static Optional<String> ref(Object value) {
        return Optional.ofNullable(map(value).get("Ref")).map(String::valueOf);
    }

    private static Optional<String> attTarget(Object value) {
        Object argument = map(value).get("Fn::GetAtt");
        if (argument instanceof List<?> parts && !parts.isEmpty()) {
            return Optional.of(String.valueOf(parts.get(0)));
        }
        return argument == null
                ? Optional.empty()
                : Optional.of(String.valueOf(argument).split("\\.")[0]);
    }

    /** A plain string, or the text of an Fn::Sub. */
    private static Optional<String> text(Object value) {
        if (value instanceof String string) {
            return Optional.of(string);
        }
        Object sub = map(value).get("Fn::Sub");
        if (sub instanceof List<?> parts && !parts.isEmpty()) {
            sub = parts.get(0);
        }
        return sub instanceof String string ? Optional.of(string) : Optional.empty();
    }

    /** True if the value names the resource: a Ref, a GetAtt, or ${name} / ${name.Attribute} in an Fn::Sub. */
    private static boolean mentions(Object value, String resource) {
        if (value instanceof List<?> items) {
            return items.stream().anyMatch(item -> mentions(item, resource));
        }
        if (!(value instanceof Map<?, ?>)) {
            return false;
        }
        Map<String, Object> node = map(value);
        if (resource.equals(ref(node).orElse(null))
                || resource.equals(attTarget(node).orElse(null))) {
            return true;
        }
        String attribute = resource.contains(".") ? resource : null;
        Object getAtt = node.get("Fn::GetAtt");
        if (attribute != null
                && getAtt != null
                && String.join(".", values(getAtt).stream().map(String::valueOf).toList())
                        .startsWith(attribute)) {
            return true;
        }
        Optional<String> text = text(node);
        if (text.isPresent()
                && (text.get().contains("${" + resource + "}") || text.get().contains("${" + resource + "."))) {
            return true;
        }
        return node.values().stream().anyMatch(entry -> mentions(entry, resource));
    }

    private static List<String> strings(Object value) {
        List<String> found = new ArrayList<>();
        if (value instanceof String string) {
            found.add(string);
        } else if (value instanceof List<?> items) {
            items.forEach(item -> found.addAll(strings(item)));
        } else if (value instanceof Map<?, ?> node) {
            node.values().forEach(entry -> found.addAll(strings(entry)));
        }
        return found;
    }
}
