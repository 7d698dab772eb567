package org.nyc311.delta.maintenance;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nyc311.delta.JobArgs;
import org.nyc311.delta.LakeLayout;
import org.nyc311.delta.LakeTable;
import org.nyc311.delta.Stage;
import org.nyc311.delta.silver.SilverColumns;
import org.nyc311.model.gold.GoldColumns;

/**
 * Upkeep of every table of the lake, when it is due: OPTIMIZE (silver Z-ordered by {@code unique_key},
 * so that a MERGE's look-up of a day's keys can skip files by their statistics; gold's daily tables by
 * {@code date}, the column gold replaces rows by; the others compacted, as a
 * daily batch leaves a few small files per table and day), then VACUUM of files no version within the
 * retention needs. Z-order, not liquid clustering: it runs the same on Delta 3.3 locally and on Databricks.
 *
 * <p>Options: {@code --maintenance-every-days N} (default 7; 0 runs it every time), {@code --retain-hours H}
 * (default 168, Delta's own minimum; shorter only with it said explicitly, as tests do). The last run's
 * time is kept in {@code <lake>/_maintenance/last_run}; a lake without one starts its clock on this
 * run instead of rewriting a table that was just written.
 *
 * <p>Upkeep never fails the batch it follows: a failure is reported on stderr and tried again at the
 * next batch, as the clock was not moved.
 */
public final class MaintenanceStage implements Stage {

    static final int DEFAULT_EVERY_DAYS = 7;
    static final int DEFAULT_RETAIN_HOURS = 168;
    private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";

    private final Clock clock;

    public MaintenanceStage() {
        this(Clock.systemUTC());
    }

    public MaintenanceStage(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<String> requiredArgs() {
        return List.of("lake-root");
    }

    @Override
    public void checkArgs(JobArgs args) {
        int everyDays = args.getInt("maintenance-every-days", DEFAULT_EVERY_DAYS);
        int retainHours = args.getInt("retain-hours", DEFAULT_RETAIN_HOURS);
        if (everyDays < 0 || retainHours < 0) {
            throw new IllegalArgumentException("--maintenance-every-days and --retain-hours must not be negative, were "
                    + everyDays + " and " + retainHours);
        }
    }

    @Override
    public void run(SparkSession spark, JobArgs args) {
        checkArgs(args);
        LakeLayout lake = LakeLayout.from(args);
        int everyDays = args.getInt("maintenance-every-days", DEFAULT_EVERY_DAYS);
        int retainHours = args.getInt("retain-hours", DEFAULT_RETAIN_HOURS);
        Instant now = clock.instant();
        try {
            Path marker = new Path(lake.root() + "/_maintenance/last_run");
            FileSystem fs = marker.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (everyDays > 0) {
                if (!fs.exists(marker)) {
                    writeMarker(fs, marker, now);
                    System.out.println(
                            "maintenance: first batch of this lake; upkeep every " + everyDays + " days from now");
                    return;
                }
                Instant last = readMarker(fs, marker);
                if (last.plus(Duration.ofDays(everyDays)).isAfter(now)) {
                    return;
                }
            }
            Map<String, String> done = maintain(spark, lake, retainHours);
            writeMarker(fs, marker, now);
            System.out.println("maintenance: " + done + " (files kept " + retainHours + " h)");
        } catch (Exception e) {
            System.err.println("maintenance failed (the batch itself is done; tried again next batch): " + e);
        }
    }

    /** Optimises and vacuums each table that exists; returns what was done per table. */
    static Map<String, String> maintain(SparkSession spark, LakeLayout lake, int retainHours) {
        Map<String, String> done = new LinkedHashMap<>();
        boolean shortRetention = retainHours < DEFAULT_RETAIN_HOURS;
        String previousCheck = spark.conf().get(RETENTION_CHECK, "true");
        if (shortRetention) {
            // asked for explicitly: Delta refuses a retention under a week unless its check is off
            spark.conf().set(RETENTION_CHECK, "false");
        }
        try {
            for (LakeTable lakeTable : List.of(
                    lake.bronzeRequests(),
                    lake.silverRequests(),
                    lake.silverQuarantine(),
                    lake.pipelineMetrics(),
                    lake.goldDailyRequests(),
                    lake.goldDailySeries(),
                    lake.goldSeriesCatalog())) {
                if (!lakeTable.exists(spark)) {
                    continue;
                }
                DeltaTable table = lakeTable.delta(spark);
                String name = lake.describe(lakeTable);
                if (lakeTable.equals(lake.silverRequests())) {
                    table.optimize().executeZOrderBy(SilverColumns.UNIQUE_KEY);
                    done.put(name, "z-ordered by " + SilverColumns.UNIQUE_KEY + ", vacuumed");
                } else if (lakeTable.equals(lake.goldDailyRequests()) || lakeTable.equals(lake.goldDailySeries())) {
                    // gold replaces rows by date: files that each hold a range of dates keep a daily batch's
                    // rewrite to the newest files (plain compaction would merge every date into one file)
                    table.optimize().executeZOrderBy(GoldColumns.DATE);
                    done.put(name, "z-ordered by " + GoldColumns.DATE + ", vacuumed");
                } else {
                    table.optimize().executeCompaction();
                    done.put(name, "compacted, vacuumed");
                }
                table.vacuum(retainHours);
            }
        } finally {
            spark.conf().set(RETENTION_CHECK, previousCheck);
        }
        return done;
    }

    private static Instant readMarker(FileSystem fs, Path marker) throws IOException {
        try (InputStream in = fs.open(marker)) {
            return Instant.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }

    private static void writeMarker(FileSystem fs, Path marker, Instant at) throws IOException {
        try (OutputStream out = fs.create(marker, true)) {
            out.write(at.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
