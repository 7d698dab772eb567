package org.nyc311.forecast.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nyc311.forecast.DailySeries;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --input} and {@code --output} of the commands that read series from a CSV file and write a
 * CSV file ({@code forecast}, {@code backtest}, {@code detect}), as a picocli mixin. It also holds
 * what those commands promise about the files, so they keep it alike: bad input is reported on the
 * command's stderr naming the command, the file and the line, and exits {@link #EXIT_BAD_INPUT};
 * the output appears whole or not at all.
 */
public final class SeriesFileOptions {

    /** Exit code for input that fails validation (picocli uses 2 for bad options). */
    public static final int EXIT_BAD_INPUT = 1;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--input", required = true, description = "CSV with header series_id,date,count")
    Path input;

    @Option(names = "--output", required = true, description = "CSV to write")
    Path output;

    public SeriesFileOptions() {}

    public Path input() {
        return input;
    }

    public Path output() {
        return output;
    }

    /**
     * Reads {@code --input}. Bad or missing input is reported on the command's stderr, naming the
     * command, the file and the line, and gives an empty result instead of an exception; the command
     * then returns {@link #EXIT_BAD_INPUT}.
     */
    public Optional<Map<String, DailySeries>> read() throws IOException {
        PrintWriter err = mixee.commandLine().getErr();
        String command = mixee.name();
        try {
            return Optional.of(SeriesCsv.read(input));
        } catch (InputFormatException e) {
            err.println(command + ": " + input + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            err.println(command + ": input file not found: " + input);
        }
        err.flush();
        return Optional.empty();
    }

    /** Writes {@code --output} as CSV with this header, whole or not at all (see {@link SeriesCsv#writeAtomically}). */
    public void write(List<String> header, SeriesCsv.RowWriter rows) throws IOException {
        SeriesCsv.writeAtomically(output, header, rows);
    }
}
