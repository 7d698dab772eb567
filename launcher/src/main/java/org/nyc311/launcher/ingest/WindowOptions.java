package org.nyc311.launcher.ingest;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * A backfill's window on the command line, {@code --from} and {@code --to}, both or neither: one declaration for
 * {@code ./nyc311 ingest} and {@code ./nyc311 pipeline}, which pass it on to ingest-service as it is.
 */
public final class WindowOptions {

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description =
                    "Window start: 2026-01-01 or 2026-01-01T00:00:00 (New York local time). With --to: a backfill on created_date.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Window end, inclusive: a date means its last second.")
    String to;

    /** Refuses one bound without the other, naming both options. */
    public void check(CommandSpec spec) {
        if ((from == null) != (to == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give both --from and --to, or neither");
        }
    }

    /** True when a window was given (both bounds, after {@link #check}). */
    public boolean given() {
        return from != null;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }
}
