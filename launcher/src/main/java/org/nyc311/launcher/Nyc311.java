package org.nyc311.launcher;

import java.io.PrintWriter;
import org.nyc311.anomaly.engine.cli.DetectCommand;
import org.nyc311.forecast.cli.BacktestCommand;
import org.nyc311.forecast.cli.ForecastCommand;
import org.nyc311.launcher.demo.DemoCityCommand;
import org.nyc311.launcher.doctor.DoctorCommand;
import org.nyc311.launcher.ingest.IngestCommand;
import org.nyc311.launcher.pipeline.PipelineCommand;
import org.nyc311.launcher.up.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./nyc311} command: one entry point for running the platform locally and for the
 * offline tools. Each subcommand is its own class; this one only lists them.
 */
@Command(
        name = "nyc311",
        mixinStandardHelpOptions = true,
        versionProvider = Nyc311.Version.class,
        description = {
            "NYC 311 Service Request Intelligence Platform: daily forecasts with 95%% intervals",
            "and anomaly alerts per complaint type and borough.",
            ""
        },
        subcommands = {
            UpCommand.class,
            ForecastCommand.class,
            BacktestCommand.class,
            IngestCommand.class,
            PipelineCommand.class,
            DemoCityCommand.class,
            DetectCommand.class,
            DoctorCommand.class,
            org.nyc311.launcher.token.TokenCommand.class,
            org.nyc311.launcher.token.TokenIssuerCommand.class,
            org.nyc311.launcher.cost.CostCommand.class,
            org.nyc311.launcher.wake.WakeCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Run './nyc311 COMMAND --help' for a command's options."})
public final class Nyc311 implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree with its subcommands, for main and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Nyc311())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Nyc311::invalidInput);
    }

    /**
     * Picocli's own handling, except that a suggestion ("Did you mean ...?") comes with the usage
     * instead of replacing it: a mistyped command then still shows every command there is.
     */
    private static int invalidInput(CommandLine.ParameterException problem, String[] args) {
        CommandLine cli = problem.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(cli.getColorScheme().errorText(problem.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(problem, err);
        cli.usage(err, cli.getColorScheme());
        return cli.getExitCodeExceptionMapper() != null
                ? cli.getExitCodeExceptionMapper().getExitCode(problem)
                : cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Nyc311.class.getPackage().getImplementationVersion();
            return new String[] {
                "nyc311 " + (version == null ? "development build" : version) + " (Java " + Runtime.version() + ")"
            };
        }
    }
}
