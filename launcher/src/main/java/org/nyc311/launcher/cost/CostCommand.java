package org.nyc311.launcher.cost;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./nyc311 cost --env prod|dev}: the monthly bill of an environment, computed from the templates. */
@Command(
        name = "cost",
        mixinStandardHelpOptions = true,
        description = {
            "What an environment costs a month: deploy/ecs/nyc311.yaml and databricks.yml priced with the",
            "price table kept in the launcher (list prices of one region, with their date). docs/COSTS.md holds its output."
        })
public final class CostCommand implements Callable<Integer> {

    @Option(names = "--env", required = true, description = "prod or dev")
    private Deployment environment;

    @Option(names = "--region", description = "The price table's region (default: ${DEFAULT-VALUE}).")
    private String region = "us-east-1";

    @Option(names = "--project-root", description = "The project folder (default: the current folder).")
    private Path projectRoot = Path.of("").toAbsolutePath();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Estimate estimate = Estimate.of(projectRoot, environment, PriceTable.of(region));
        spec.commandLine().getOut().print(estimate.markdown());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
