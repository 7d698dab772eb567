package org.nyc311.faults.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nyc311.testsupport.warehouse.GoldTablesFixture;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;

/**
 * A small gold for the forecast-service faults, made by SQL in local-sql-warehouse with the tables of
 * test-support's {@link GoldTablesFixture} (the names delta-jobs writes), as forecast-service's own tests make theirs: 31
 * forecastable series of a year each (a weekly pattern with deterministic noise), enough that fitting
 * them takes some seconds.
 *
 * <p>The SQL goes through Hive's BeeLine in a child JVM on local-sql-warehouse's own classpath (which
 * has the Hive JDBC client): this module's classpath has no Hive driver.
 */
public final class ForecastFaultGold {

    public static final LocalDate LAST_DAY = LocalDate.of(2026, 4, 30);
    public static final int DAYS = 365;
    private static final Map<String, Integer> SERIES = seriesBases();

    private ForecastFaultGold() {}

    /** Creates the gold tables unless the warehouse has them; returns the forecastable series ids. */
    public static synchronized List<String> create(LocalSqlWarehouseProcess warehouse, Path workDirectory)
            throws IOException {
        Path lake = Path.of(java.net.URI.create(warehouse.lakeRoot()));
        if (Files.isDirectory(lake.resolve("gold").resolve("daily_series"))) {
            return List.copyOf(SERIES.keySet());
        }
        String root = warehouse.lakeRoot().replaceAll("/$", "");
        List<String> series = new ArrayList<>();
        SERIES.forEach((id, base) -> {
            String[] parts = id.split("/");
            String level = parts[0].equals("all")
                    ? (parts[1].equals("all") ? "citywide" : "borough")
                    : "complaint_type_borough";
            series.add(String.format(Locale.ROOT, "('%s', '%s', '%s', '%s', %d)", id, level, parts[0], parts[1], base));
        });
        // the days and counts are made by Spark, not sent as literal rows: a VALUES list of a few thousand rows
        // takes the Thrift Server minutes to analyse. A weekly pattern (weekends busier) with deterministic noise
        // from a hash: a pattern that repeats exactly would be forecast with no error at all.
        List<String> statements = new ArrayList<>(GoldTablesFixture.createTableStatements(root));
        statements.add("INSERT INTO " + GoldTablesFixture.DAILY_SERIES
                + " SELECT s.series_id, s.level, s.type_key, s.type_key, s.borough, d.date, "
                + "CAST(GREATEST(0, ROUND(s.base * CASE WHEN dayofweek(d.date) IN (1, 7) THEN 1.4 "
                + "ELSE 1.0 - 0.04 * (dayofweek(d.date) - 1) END "
                + "+ (pmod(hash(s.series_id, d.date), 2001) - 1000) / 1000.0 * 2 * sqrt(s.base))) AS BIGINT) "
                + "FROM (VALUES " + String.join(", ", series) + ") AS s(series_id, level, type_key, borough, base) "
                + "CROSS JOIN (SELECT date_sub(DATE'" + LAST_DAY + "', CAST(id AS INT)) AS date FROM range(" + DAYS
                + ")) AS d");
        statements.add(GoldTablesFixture.fillCatalogStatement());
        statements.add("SELECT count(1) AS gold_rows FROM " + GoldTablesFixture.DAILY_SERIES);
        String sql = String.join(";\n", statements) + ";\n";
        Files.createDirectories(workDirectory);
        Path script = workDirectory.resolve("forecast-fault-gold.sql");
        Files.writeString(script, sql);
        beeline(warehouse, script, workDirectory.resolve("forecast-fault-gold-beeline.log"));
        return List.copyOf(SERIES.keySet());
    }

    private static void beeline(LocalSqlWarehouseProcess warehouse, Path script, Path log) throws IOException {
        Path target = ServiceJvm.projectRoot().resolve("local-sql-warehouse").resolve("target");
        String classpath = Files.readString(target.resolve("local-sql-warehouse.classpath"))
                .strip();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Duser.timezone=UTC",
                "-cp",
                classpath,
                "org.apache.hive.beeline.BeeLine",
                "-u",
                warehouse.jdbcUrl(),
                "-n",
                "fault-tests",
                "--silent=true",
                "-f",
                script.toAbsolutePath().toString());
        // stdin from /dev/null: BeeLine must never wait for a console once the script is done
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        try {
            if (!process.waitFor(Duration.ofMinutes(3).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("beeline did not finish within 3 minutes; " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making gold", e);
        }
        String output = Files.readString(log);
        long expected = (long) SERIES.size() * DAYS;
        if (process.exitValue() != 0 || !output.contains(Long.toString(expected))) {
            throw new IllegalStateException("beeline could not make gold (exit " + process.exitValue() + ", expected "
                    + expected + " rows); " + log + ":\n"
                    + output.lines()
                            .skip(Math.max(0, output.lines().count() - 40))
                            .reduce("", (a, b) -> a + b + "\n"));
        }
    }

    /** Citywide, and six types in each of five boroughs: 31 series, each with its own level of counts. */
    private static Map<String, Integer> seriesBases() {
        Map<String, Integer> bases = new LinkedHashMap<>();
        bases.put("all/all", 2400);
        List<String> types = List.of(
                "all",
                "noise-residential",
                "heat-hot-water",
                "illegal-parking",
                "blocked-driveway",
                "street-condition");
        List<String> boroughs = List.of("brooklyn", "queens", "bronx", "manhattan", "staten-island");
        for (int t = 0; t < types.size(); t++) {
            for (int b = 0; b < boroughs.size(); b++) {
                bases.put(types.get(t) + "/" + boroughs.get(b), t == 0 ? 300 + 60 * b : 8 + 9 * t + 5 * b);
            }
        }
        return bases;
    }
}
