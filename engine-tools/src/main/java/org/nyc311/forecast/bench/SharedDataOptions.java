package org.nyc311.forecast.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.nyc311.forecast.DailySeries;
import picocli.CommandLine.Option;

/**
 * What the forecasting and the detection benchmark share, as a picocli mixin: where the real series
 * are ({@code --data}), which part of them is evaluated ({@code --window}) and where the Markdown
 * report goes besides stdout ({@code --output}). One declaration so that both benchmarks cut the
 * series the same way: a design decision tuned on the development window of one must not have seen
 * a test day of the other.
 */
public final class SharedDataOptions {

    /** The test part: the last quarter of each real series, which no model or design decision was tuned on. */
    public static final double TEST_SHARE = 0.25;

    @Option(names = "--data", description = "shared data directory (default: -Dnyc311.shared-data or ../shared/data)")
    Path data;

    @Option(
            names = "--window",
            defaultValue = "test",
            description = "test: the last quarter of each series (the held-out part); development: the quarter "
                    + "before it, for design questions, with the test part cut off (default ${DEFAULT-VALUE})")
    String window;

    @Option(names = "--output", description = "also write the Markdown here")
    Path output;

    public SharedDataOptions() {}

    /** {@code --data}, else where {@link SharedData#locate()} finds the data; empty when it is nowhere. */
    public Optional<Path> dataDir() {
        return data != null ? Optional.of(data) : SharedData.locate();
    }

    /** {@code test} or {@code development}. */
    public String window() {
        return window;
    }

    /** False, after saying so on stderr, when {@code --window} is neither {@code test} nor {@code development}. */
    public boolean windowIsKnown() {
        if (window.equals("test") || window.equals("development")) {
            return true;
        }
        System.err.println("--window must be test or development, was " + window);
        return false;
    }

    /** Days in the test part of a whole real series: its last quarter. */
    public static int testDays(DailySeries full) {
        return (int) Math.round(full.length() * TEST_SHARE);
    }

    /**
     * The series as the chosen window sees it: whole for the test window; for the development window
     * the test part is cut off, so the last {@link #testDays} days of what remains are the quarter
     * before the test part, and nothing evaluated or fitted there has seen a test day.
     */
    public DailySeries windowed(DailySeries full) {
        return window.equals("test") ? full : full.prefix(full.length() - testDays(full));
    }

    /** Prints the report on stdout and, with {@code --output}, writes it there too. */
    public void report(CharSequence markdown) throws IOException {
        System.out.print(markdown);
        if (output != null) {
            Files.writeString(output, markdown, StandardCharsets.UTF_8);
        }
    }
}
