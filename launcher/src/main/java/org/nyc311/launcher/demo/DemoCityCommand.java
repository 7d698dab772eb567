package org.nyc311.launcher.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./nyc311 demo-city}: writes a generated city to a folder, for {@code up --offline DIR} and
 * {@code pipeline --source DIR}. {@code --scale demo} is the small city {@code up --demo} replays;
 * {@code --scale nyc} is the {@link CityFeed}, at the real feed's size.
 */
@Command(
        name = "demo-city",
        mixinStandardHelpOptions = true,
        description = {
            "Write a generated city as SODA-shaped gzip NDJSON files, for 'up --offline DIR' and 'pipeline --source DIR'.",
            "--scale demo: the small demo city of 'up --demo' (140 days ending now, 3 types, a spike).",
            "--scale nyc: every complaint type and borough at the real feed's daily volume, learnt from a real sample, "
                    + "with weekly and yearly cycles and holidays: one backfill file, then one file per day for the last days."
        })
public final class DemoCityCommand implements Callable<Integer> {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** The size of the city. */
    public enum Scale {
        DEMO,
        NYC
    }

    @Option(names = "--scale", paramLabel = "demo|nyc", description = "demo or nyc (default: ${DEFAULT-VALUE}).")
    Scale scale = Scale.DEMO;

    @Option(
            names = "--days",
            paramLabel = "N",
            description = "nyc: days of requests, ending with --to (default: ${DEFAULT-VALUE}).")
    Integer days;

    @Option(
            names = "--to",
            paramLabel = "DATE",
            description = "nyc: the last day, New York date (default: yesterday in New York).")
    String to;

    @Option(
            names = "--daily-files",
            paramLabel = "N",
            description =
                    "nyc: the last N days each in a file of its own, after the backfill file (default: ${DEFAULT-VALUE}).")
    int dailyFiles = 3;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Seed: the same seed and days give the same bytes (default: ${DEFAULT-VALUE}).")
    long seed = 311L;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "Folder for the files (created; earlier backfill_*/day_* feed files in it are replaced).")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    public DemoCityCommand() {
        this(Clock.systemUTC());
    }

    DemoCityCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = output.toAbsolutePath().normalize();
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(NEW_YORK));
        if (scale == Scale.DEMO) {
            if (days != null || to != null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--days and --to are for --scale nyc; the demo city is always " + DemoCity.HISTORY_DAYS
                                + " days ending now");
            }
            List<Path> files = new DemoCity().write(folder, now, seed);
            files.forEach(file -> out.println("  " + file));
            out.println("nyc311 demo-city: the demo city is in " + folder + "; replay it with ./nyc311 up --offline "
                    + folder);
            out.flush();
            return 0;
        }
        int n = days == null ? 365 : days;
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--days must be at least 1");
        }
        if (dailyFiles < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--daily-files must not be negative");
        }
        LocalDate last = lastDay(now);
        LocalDate first = last.minusDays(n - 1L);
        if (first.isBefore(CityFeed.KEY_EPOCH)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "the feed starts in 2010; " + n + " days to " + last + " would start on " + first);
        }
        CityFeed feed = new CityFeed(CityMix.load(new ObjectMapper()), DaysOff.newYorkCity(), seed);
        out.println("nyc311 demo-city: " + n + (n == 1 ? " day" : " days") + " of New York (" + first + " to " + last
                + ", " + feed.complaintTypes() + " complaint types, seed " + seed + ") into " + folder);
        out.flush();
        long begin = System.nanoTime();
        long[] written = {0};
        List<CityFeed.FeedFile> files = feed.write(folder, first, last, dailyFiles, (day, records) -> {
            written[0] += records;
            if (day.getDayOfMonth() == 1 || day.equals(last)) {
                out.printf("  %s  %,d requests so far%n", day, written[0]);
                out.flush();
            }
        });
        for (CityFeed.FeedFile file : files) {
            out.printf(
                    "  %-44s %,10d requests %,12d bytes%n",
                    file.path().getFileName(), file.records(), size(file.path()));
        }
        out.printf(
                "nyc311 demo-city: %,d requests in %d s; replay with ./nyc311 up --offline %s or ./nyc311 pipeline --source %s%n",
                written[0], (System.nanoTime() - begin) / 1_000_000_000, folder, folder);
        out.flush();
        return 0;
    }

    private LocalDate lastDay(ZonedDateTime now) {
        if (to == null) {
            return now.toLocalDate().minusDays(1);
        }
        try {
            return LocalDate.parse(to);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to is a date like 2026-11-30: " + to);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
