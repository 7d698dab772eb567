package org.nyc311.launcher.cost;

import static org.nyc311.launcher.cost.CloudFormationYaml.list;
import static org.nyc311.launcher.cost.CloudFormationYaml.map;
import static org.nyc311.launcher.cost.Template.referenced;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What one environment costs a month, item by item: deploy/ecs/nyc311.yaml and databricks.yml as that environment's
 * stack and bundle target would create them, times the {@link PriceTable}. Only what the files say is counted; usage
 * that no file states (log volume, the public API's requests, minutes a run takes) comes from the price table's
 * {@code usage.*} entries, named in the item's description.
 */
public final class Estimate {

    static final Path TEMPLATE = Path.of("deploy/ecs/nyc311.yaml");
    static final Path BUNDLE = Path.of("databricks.yml");
    private static final Pattern DAILY_CRON = Pattern.compile("cron\\((\\d+) (\\d+) \\* \\* \\? \\*\\)");
    private static final Pattern BUNDLE_VARIABLE = Pattern.compile("\\$\\{var\\.([a-z_]+)}");

    /** One line of the bill. */
    public record Item(String component, String detail, double dollars) {}

    private final Deployment environment;
    private final PriceTable prices;
    private final Template template;
    private final Map<String, Object> bundle;
    private final List<Item> items = new ArrayList<>();
    private double addressHours;
    private final List<String> addressHolders = new ArrayList<>();

    private Estimate(Path projectRoot, Deployment environment, PriceTable prices) {
        this.environment = environment;
        this.prices = prices;
        this.template = Template.load(projectRoot.resolve(TEMPLATE), Map.of("Environment", environment.id()));
        this.bundle = CloudFormationYaml.load(projectRoot.resolve(BUNDLE));
        services();
        scheduledTasks();
        publicEntry();
        items.add(new Item(
                "public IPv4 addresses",
                String.join(", ", addressHolders),
                addressHours * prices.price("ipv4.address-hour")));
        database();
        rest();
        databricks();
    }

    public static Estimate of(Path projectRoot, Deployment environment, PriceTable prices) {
        return new Estimate(projectRoot, environment, prices);
    }

    public List<Item> items() {
        return List.copyOf(items);
    }

    public double total() {
        return items.stream().mapToDouble(Item::dollars).sum();
    }

    /** The monthly limit of the template's AWS::Budgets::Budget in this environment, if it has one. */
    public Optional<Double> budget() {
        return template.resourcesOfType("AWS::Budgets::Budget").stream()
                .map(budget -> map(map(budget.properties().get("Budget")).get("BudgetLimit"))
                        .get("Amount"))
                .map(amount -> Double.parseDouble(String.valueOf(amount)))
                .findFirst();
    }

    /** The bill as a Markdown table, the total on the last line. */
    public String markdown() {
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                Locale.ROOT,
                "%s, %s list prices of %s, %.0f hours a month%n%n",
                environment.id(),
                prices.region(),
                prices.date(),
                prices.hoursPerMonth()));
        table.append("| component | what the template and the bundle say | $ a month |\n");
        table.append("| --- | --- | ---: |\n");
        for (Item item : items) {
            table.append(String.format(
                    Locale.ROOT, "| %s | %s | %.2f |%n", item.component(), item.detail(), item.dollars()));
        }
        String budgetNote = budget().map(limit -> String.format(Locale.ROOT, " (budget %.0f)", limit))
                .orElse("");
        table.append(
                String.format(Locale.ROOT, "| **total %s**%s | | **%.2f** |%n", environment.id(), budgetNote, total()));
        return table.toString();
    }

    private void services() {
        for (Template.Resource service : template.resourcesOfType("AWS::ECS::Service")) {
            Map<String, Object> properties = service.properties();
            int tasks = Integer.parseInt(String.valueOf(properties.getOrDefault("DesiredCount", 1)));
            Task task = task(referenced(properties.get("TaskDefinition")), capacityProvider(properties));
            double awake = ScheduledCapacity.weekOf(ScheduledCapacity.scheduledActions(template, service.name()))
                    .awakeShareOfWeek();
            double hours = tasks * prices.hoursPerMonth() * awake;
            String when = awake == 1.0
                    ? "always on"
                    : String.format(Locale.ROOT, "running %.0f%% of the week (scheduled actions)", 100 * awake);
            items.add(new Item(
                    String.valueOf(properties.get("ServiceName")),
                    String.format(Locale.ROOT, "%s, %d task%s %s", task, tasks, tasks == 1 ? "" : "s", when),
                    hours * task.hourly(prices)));
            if (publicAddress(properties)) {
                addressHours += hours;
                addressHolders.add(tasks + " " + properties.get("ServiceName")
                        + (awake == 1.0 ? "" : String.format(Locale.ROOT, " (%.0f%%)", 100 * awake)));
            }
        }
    }

    private void scheduledTasks() {
        for (Template.Resource schedule : template.resourcesOfType("AWS::Scheduler::Schedule")) {
            Map<String, Object> ecs =
                    map(map(schedule.properties().get("Target")).get("EcsParameters"));
            if (ecs.isEmpty()) {
                continue;
            }
            double minutes = prices.price("usage.schedule." + schedule.name() + ".minutes");
            double hours = runsPerMonth(schedule)
                    * minutes
                    / 60
                    * Integer.parseInt(String.valueOf(ecs.getOrDefault("TaskCount", 1)));
            Task task = task(referenced(ecs.get("TaskDefinitionArn")), capacityProvider(ecs));
            items.add(new Item(
                    schedule.name(),
                    String.format(
                            Locale.ROOT,
                            "%s, %s, %.0f minutes a run (usage)",
                            task,
                            schedule.properties().get("ScheduleExpression"),
                            minutes),
                    hours * task.hourly(prices)));
            if (publicAddress(ecs)) {
                addressHours += hours;
                addressHolders.add(schedule.name() + " while it runs");
            }
        }
    }

    /** How people and callers reach the dashboard and the forecast API: a load balancer, an HTTP API, or neither. */
    private void publicEntry() {
        List<Template.Resource> balancers = template.resourcesOfType("AWS::ElasticLoadBalancingV2::LoadBalancer");
        List<Template.Resource> httpApis = template.resourcesOfType("AWS::ApiGatewayV2::Api").stream()
                .filter(api -> "HTTP".equals(api.properties().get("ProtocolType")))
                .toList();
        if (balancers.isEmpty() && httpApis.isEmpty()) {
            items.add(new Item("public entry", "none in this environment (ECS Exec port forwarding)", 0));
        }
        for (Template.Resource balancer : balancers) {
            double lcu = prices.price("usage.alb.lcu");
            items.add(new Item(
                    "Application Load Balancer",
                    String.format(
                            Locale.ROOT,
                            "%s, %.1f LCU (usage)",
                            balancer.properties().get("Scheme"),
                            lcu),
                    prices.hoursPerMonth() * (prices.price("alb.hour") + lcu * prices.price("alb.lcu-hour"))));
            if ("internet-facing".equals(balancer.properties().get("Scheme"))) {
                double zones = prices.price("usage.alb.availability-zones");
                addressHours += zones * prices.hoursPerMonth();
                addressHolders.add(String.format(Locale.ROOT, "%.0f for the load balancer", zones));
            }
        }
        if (!httpApis.isEmpty()) {
            double millions = prices.price("usage.public-api.requests") / 1_000_000;
            int routes = template.resourcesOfType("AWS::ApiGatewayV2::Route").size();
            int links = template.resourcesOfType("AWS::ApiGatewayV2::VpcLink").size();
            items.add(new Item(
                    "API Gateway HTTP API",
                    String.format(
                            Locale.ROOT,
                            "%d API, %d routes, %d VPC link (not billed), %.1f million requests (usage) and as many"
                                    + " Cloud Map DiscoverInstances calls",
                            httpApis.size(),
                            routes,
                            links,
                            millions),
                    httpApis.size()
                            * millions
                            * (prices.price("apigateway.http.million-requests")
                                    + prices.price("cloudmap.discover.million-calls"))));
        }
    }

    private void database() {
        for (Template.Resource database : template.resourcesOfType("AWS::RDS::DBInstance")) {
            Map<String, Object> properties = database.properties();
            String instanceClass = String.valueOf(properties.get("DBInstanceClass"));
            boolean multiAz = Boolean.parseBoolean(String.valueOf(properties.getOrDefault("MultiAZ", false)));
            double copies = multiAz ? 2 : 1;
            double storage = Double.parseDouble(String.valueOf(properties.get("AllocatedStorage")));
            items.add(new Item(
                    "RDS " + properties.get("Engine") + " " + properties.get("EngineVersion"),
                    String.format(
                            Locale.ROOT,
                            "%s, %.0f GB %s, %s, backups %s days",
                            instanceClass,
                            storage,
                            properties.get("StorageType"),
                            multiAz ? "Multi-AZ" : "Single-AZ",
                            properties.get("BackupRetentionPeriod")),
                    copies
                            * (prices.hoursPerMonth() * prices.price("rds." + instanceClass + ".hour")
                                    + storage * prices.price("rds.gp3.gb-month"))));
        }
    }

    private void rest() {
        int secrets = template.resourcesOfType("AWS::SecretsManager::Secret").size();
        items.add(new Item(
                "Secrets Manager", secrets + " secrets", secrets * prices.price("secretsmanager.secret-month")));
        cognito();

        int alarmMetrics = 0;
        List<Template.Resource> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        for (Template.Resource alarm : alarms) {
            List<Object> metrics = list(alarm.properties().get("Metrics"));
            alarmMetrics += metrics.isEmpty()
                    ? 1
                    : (int) metrics.stream()
                            .filter(metric -> map(metric).containsKey("MetricStat"))
                            .count();
        }
        int customMetrics = 0;
        for (Template.Resource filter : template.resourcesOfType("AWS::Logs::MetricFilter")) {
            customMetrics +=
                    list(filter.properties().get("MetricTransformations")).size();
        }
        int logGroups = template.resourcesOfType("AWS::Logs::LogGroup").size();
        double ingested = prices.price("usage.logs.ingested-gb");
        double stored = prices.price("usage.logs.stored-gb");
        items.add(new Item(
                "CloudWatch",
                String.format(
                        Locale.ROOT,
                        "%d alarms on %d metrics, %d custom metric%s from log filters; %d log groups, %.0f GB a"
                                + " month (usage)",
                        alarms.size(),
                        alarmMetrics,
                        customMetrics,
                        customMetrics == 1 ? "" : "s",
                        logGroups,
                        ingested),
                alarmMetrics * prices.price("cloudwatch.alarm-metric-month")
                        + customMetrics * prices.price("cloudwatch.custom-metric-month")
                        + ingested * prices.price("cloudwatch.logs.ingested-gb")
                        + stored * prices.price("cloudwatch.logs.stored-gb-month")));

        double gigabytes = prices.price("usage.s3.gb." + environment.id());
        items.add(new Item(
                "S3 lake",
                String.format(
                        Locale.ROOT,
                        "%d bucket, %.0f GB (usage), requests (usage)",
                        template.resourcesOfType("AWS::S3::Bucket").size(),
                        gigabytes),
                gigabytes * prices.price("s3.standard.gb-month")
                        + prices.price("usage.s3.thousand-put-requests") * prices.price("s3.thousand-put-requests")
                        + prices.price("usage.s3.thousand-get-requests") * prices.price("s3.thousand-get-requests")));

        double requests = prices.price("usage.sqs.million-requests");
        items.add(new Item(
                "SQS",
                String.format(
                        Locale.ROOT,
                        "%d queues, %.1f million requests (usage)",
                        template.resourcesOfType("AWS::SQS::Queue").size(),
                        requests),
                Math.max(0, requests - prices.price("sqs.free-million-requests"))
                        * prices.price("sqs.million-requests")));

        int namespaces = template.resourcesOfType("AWS::ServiceDiscovery::PrivateDnsNamespace")
                .size();
        int registered =
                template.resourcesOfType("AWS::ServiceDiscovery::Service").size();
        items.add(new Item(
                "Cloud Map",
                namespaces + " namespace, " + registered + " registered services",
                namespaces * prices.price("cloudmap.namespace-month")
                        + registered * prices.price("cloudmap.instance-month")));

        double images = prices.price("usage.ecr.gb");
        items.add(new Item(
                "ECR",
                String.format(Locale.ROOT, "%.0f GB of images (usage)", images),
                images * prices.price("ecr.gb-month")));

        int budgets = template.resourcesOfType("AWS::Budgets::Budget").size();
        int schedules = template.resourcesOfType("AWS::Scheduler::Schedule").size();
        items.add(new Item(
                "Budgets, SNS, EventBridge Scheduler",
                budgets + " budget, " + schedules + " schedule, email notifications",
                budgets * prices.price("budgets.budget-month")
                        + scheduledRuns() * prices.price("scheduler.invocation")));
    }

    /**
     * Cognito: machine-to-machine app clients (client_credentials) are billed per client a month and per token request;
     * people who log in are monthly active users, free up to the tier's allowance.
     */
    private void cognito() {
        List<Template.Resource> pools = template.resourcesOfType("AWS::Cognito::UserPool");
        if (pools.isEmpty()) {
            return;
        }
        long machineClients = template.resourcesOfType("AWS::Cognito::UserPoolClient").stream()
                .filter(client ->
                        list(client.properties().get("AllowedOAuthFlows")).contains("client_credentials"))
                .count();
        String tier = String.valueOf(pools.get(0).properties().getOrDefault("UserPoolTier", "ESSENTIALS"))
                .toLowerCase(Locale.ROOT);
        double tokens = prices.price("usage.cognito.m2m-token-requests");
        double users = prices.price("usage.cognito.mau");
        double billedUsers = Math.max(0, users - prices.price("cognito." + tier + ".free-mau"));
        items.add(new Item(
                "Cognito",
                String.format(
                        Locale.ROOT,
                        "%d user pool (%s), %d client-credentials app clients, %.0f token requests (usage), %.0f people a month (usage)",
                        pools.size(),
                        tier,
                        machineClients,
                        tokens,
                        users),
                machineClients * prices.price("cognito.m2m.app-client-month")
                        + tokens / 1000 * prices.price("cognito.m2m.thousand-token-requests")
                        + billedUsers * prices.price("cognito." + tier + ".mau")));
    }

    private void databricks() {
        Map<String, String> variables = bundleVariables();
        double runs = scheduledRuns();
        for (Map.Entry<String, Object> job :
                map(map(bundle.get("resources")).get("jobs")).entrySet()) {
            Map<String, Object> settings = map(job.getValue());
            double minutes =
                    Double.parseDouble(String.valueOf(map(settings.get("tags")).get("expected_run_minutes")));
            for (Object jobCluster : list(settings.get("job_clusters"))) {
                Map<String, Object> cluster = map(map(jobCluster).get("new_cluster"));
                String nodeType = substitute(String.valueOf(cluster.get("node_type_id")), variables);
                Map<String, Object> autoscale = map(cluster.get("autoscale"));
                int workers = Integer.parseInt(String.valueOf(
                        autoscale.isEmpty() ? cluster.get("num_workers") : autoscale.get("min_workers")));
                Map<String, Object> aws = map(cluster.get("aws_attributes"));
                boolean spot = String.valueOf(aws.get("availability")).startsWith("SPOT");
                int onDemandNodes =
                        spot ? Integer.parseInt(String.valueOf(aws.getOrDefault("first_on_demand", 1))) : workers + 1;
                int spotNodes = workers + 1 - Math.min(onDemandNodes, workers + 1);
                double ec2 = prices.price("ec2." + nodeType + ".hour");
                double nodeDbus =
                        prices.price("databricks.dbu-hour." + nodeType) * prices.price("databricks.jobs-compute.dbu");
                double hourly = (workers + 1) * nodeDbus
                        + (workers + 1 - spotNodes) * ec2
                        + spotNodes * ec2 * prices.price("ec2.spot-factor");
                items.add(new Item(
                        "Databricks job "
                                + String.valueOf(settings.get("name")).replace("${bundle.target}", environment.id()),
                        String.format(
                                Locale.ROOT,
                                "%s driver + %d worker%s (%s), %.0f runs of %.0f minutes (tag expected_run_minutes), "
                                        + "Jobs Compute DBUs + EC2",
                                nodeType,
                                workers,
                                workers == 1 ? "" : "s",
                                spot ? "workers on Spot" : "on-demand",
                                runs,
                                minutes),
                        runs * minutes / 60 * hourly));
            }
        }
        // the services read gold from its daily extract on S3 (priced with the lake's requests) unless the stack says
        // GoldSource warehouse; a template from before GoldSource always read a warehouse
        boolean readsWarehouse = template.parameterDeclared("GoldSource")
                ? template.condition("ReadsGoldFromWarehouse")
                : template.parameterDeclared("GoldJdbcUrl");
        if (!readsWarehouse) {
            items.add(new Item(
                    "Databricks SQL warehouse",
                    "none: forecast-service and anomaly-service read gold's daily extract from the lake bucket"
                            + " (GoldSource extract)",
                    0));
        } else {
            double minutes = prices.price("usage.sql-warehouse.minutes-per-run");
            items.add(new Item(
                    "Databricks SQL warehouse (GoldJdbcUrl)",
                    String.format(
                            Locale.ROOT,
                            "serverless 2X-Small, %.0f runs of %.0f minutes with auto-stop (usage)",
                            runs,
                            minutes),
                    runs * minutes / 60 * prices.price("databricks.sql-serverless.2x-small.hour")));
        }
    }

    private Map<String, String> bundleVariables() {
        Map<String, String> variables = new java.util.HashMap<>();
        map(bundle.get("variables")).forEach((name, declaration) -> {
            Object value = map(declaration).get("default");
            if (value != null) {
                variables.put(name, String.valueOf(value));
            }
        });
        map(map(map(bundle.get("targets")).get(environment.id())).get("variables"))
                .forEach((name, value) -> variables.put(name, String.valueOf(value)));
        return variables;
    }

    private static String substitute(String text, Map<String, String> variables) {
        Matcher variable = BUNDLE_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String value = variables.get(variable.group(1));
            if (value == null) {
                throw new IllegalArgumentException("databricks.yml: no value for ${var." + variable.group(1) + "}");
            }
            variable.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        variable.appendTail(out);
        return out.toString();
    }

    /** The pipeline runs once per daily intake: the job and the warehouse work as often as the schedule fires. */
    private double scheduledRuns() {
        return template.resourcesOfType("AWS::Scheduler::Schedule").stream()
                .mapToDouble(this::runsPerMonth)
                .sum();
    }

    private double runsPerMonth(Template.Resource schedule) {
        String expression = String.valueOf(schedule.properties().get("ScheduleExpression"));
        if (!DAILY_CRON.matcher(expression).matches()) {
            throw new IllegalArgumentException(
                    schedule.name() + ": only a daily cron(m h * * ? *) is priced, not " + expression);
        }
        return 365.0 / 12;
    }

    private Task task(@Nullable String taskDefinition, String capacityProvider) {
        Map<String, Object> properties = template.resource(taskDefinition).properties();
        String architecture =
                String.valueOf(map(properties.get("RuntimePlatform")).getOrDefault("CpuArchitecture", "X86_64"));
        return new Task(
                Double.parseDouble(String.valueOf(properties.get("Cpu"))) / 1024,
                Double.parseDouble(String.valueOf(properties.get("Memory"))) / 1024,
                architecture,
                capacityProvider);
    }

    private static String capacityProvider(Map<String, Object> properties) {
        List<Object> strategy = list(properties.get("CapacityProviderStrategy"));
        if (strategy.size() > 1) {
            throw new IllegalArgumentException(
                    "a capacity provider strategy of more than one provider is not priced: " + strategy);
        }
        return strategy.isEmpty()
                ? String.valueOf(properties.getOrDefault("LaunchType", "FARGATE"))
                : String.valueOf(map(strategy.get(0)).get("CapacityProvider"));
    }

    private static boolean publicAddress(Map<String, Object> properties) {
        return "ENABLED"
                .equals(String.valueOf(
                        map(map(properties.get("NetworkConfiguration")).get("AwsvpcConfiguration"))
                                .get("AssignPublicIp")));
    }

    /** A Fargate task as priced: its size, its architecture and where it runs. */
    private record Task(double vcpu, double gigabytes, String architecture, String capacityProvider) {

        double hourly(PriceTable prices) {
            double onDemand = vcpu * prices.price("fargate." + architecture + ".vcpu-hour")
                    + gigabytes * prices.price("fargate." + architecture + ".gb-hour");
            return "FARGATE_SPOT".equals(capacityProvider) ? onDemand * prices.price("fargate.spot-factor") : onDemand;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%s vCPU, %s GB, %s, %s",
                    number(vcpu),
                    number(gigabytes),
                    architecture,
                    capacityProvider);
        }

        private static String number(double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }
    }
}
