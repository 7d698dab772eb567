package org.nyc311.launcher.wake;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.nyc311.launcher.cost.Deployment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/** {@code ./nyc311 wake}: dev's services up now, outside its hours, for a few hours. */
@Command(
        name = "wake",
        mixinStandardHelpOptions = true,
        description = {
            "Wakes an environment asleep outside its hours (deploy/ecs DevHours=working,",
            "dev's default) for a few hours, waits for its tasks, and prints the ECS Exec",
            "port-forwarding commands into its dashboard and API. AWS credentials and",
            "region come from the SDK's default chain (AWS_PROFILE, AWS_REGION, ...)."
        })
public final class WakeCommand implements Callable<Integer> {

    @Option(
            names = "--env",
            description = "The environment, whose cluster is nyc311-<env> (default: ${DEFAULT-VALUE}).")
    private Deployment environment = Deployment.DEV;

    @Option(
            names = "--hours",
            description = "How long to keep it awake, 1 to 12 (default: ${DEFAULT-VALUE}); its own hours still apply.")
    private int hours = 2;

    @Option(
            names = "--wait-minutes",
            description = "How long to wait for the tasks to run, 0 for not at all (default: ${DEFAULT-VALUE}).")
    private int waitMinutes = 5;

    @Option(names = "--region", description = "The AWS region (default: the SDK's default chain).")
    private @Nullable String region;

    @Option(names = "--endpoint-url", description = "Another endpoint for both AWS APIs (an AWS-compatible stub).")
    private @Nullable URI endpoint;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (hours < 1 || hours > 12) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--hours must be 1 to 12, not " + hours);
        }
        if (waitMinutes < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--wait-minutes cannot be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        String cluster = "nyc311-" + environment.id();
        try (ApplicationAutoScalingClient scaling = client(ApplicationAutoScalingClient.builder());
                EcsClient ecs = client(EcsClient.builder())) {
            Wake wake = new Wake(scaling, ecs, Clock.systemUTC(), out, Duration.ofSeconds(10));
            return wake.wake(cluster, Duration.ofHours(hours), Duration.ofMinutes(waitMinutes));
        } catch (SdkException | IllegalArgumentException | IllegalStateException e) {
            // AWS unreachable or refusing, or schedules wake cannot read (it changes nothing then)
            spec.commandLine().getErr().printf("cannot wake %s: %s%n", cluster, e.getMessage());
            return 1;
        }
    }

    private <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
