package org.nyc311.testsupport.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nyc311.testsupport.junit.EmbeddedServer;
import org.nyc311.testsupport.net.LoggedProcess;
import org.nyc311.testsupport.net.Loopback;

/**
 * The local-sql-warehouse module (a Spark Thrift Server over the lake's gold tables) as a child JVM on
 * 127.0.0.1, started the way a launcher starts it: the module's classes (or jar), its
 * {@code target/local-sql-warehouse.classpath} and {@code target/spark-jvm-flags.txt}, all written by
 * {@code ./mvnw -pl local-sql-warehouse package}. Spark stays out of the caller's JVM.
 */
public final class LocalSqlWarehouseProcess implements EmbeddedServer {

    public static final String MAIN_CLASS = "org.nyc311.warehouse.LocalSqlWarehouse";
    private static final String READY = "local-sql-warehouse ready";
    /** The heap of the warehouse's JVM, as {@code ./nyc311 up} and the tests start it. */
    private static final String HEAP = "1g";

    private final LoggedProcess process;
    private final int port;
    private final String lakeRoot;
    /** Where this start's output begins in the (appended) log: an earlier start's ready line does not count. */
    private final long logStart;

    private final Path moduleDirectory;
    private final Duration timeout;

    private LocalSqlWarehouseProcess(
            LoggedProcess process, int port, String lakeRoot, long logStart, Path moduleDirectory, Duration timeout) {
        this.process = process;
        this.port = port;
        this.lakeRoot = lakeRoot;
        this.logStart = logStart;
        this.moduleDirectory = moduleDirectory;
        this.timeout = timeout;
    }

    /**
     * Starts the warehouse over {@code lakeRoot} and waits until it says it is ready.
     *
     * @param moduleDirectory the local-sql-warehouse module folder (its {@code target/} must be built)
     * @param port 0 for a free port
     */
    public static LocalSqlWarehouseProcess start(
            Path moduleDirectory, String lakeRoot, int port, Path log, Duration timeout) throws IOException {
        Path target = moduleDirectory.resolve("target");
        // the compiled classes first: during a module's own build the jar is packaged after the tests,
        // so a jar found then is the previous build's
        Path classes = Files.isDirectory(target.resolve("classes"))
                ? target.resolve("classes")
                : target.resolve("local-sql-warehouse.jar");
        Path classpathFile = target.resolve("local-sql-warehouse.classpath");
        Path flagsFile = target.resolve("spark-jvm-flags.txt");
        if (!Files.isRegularFile(classpathFile) || !Files.isRegularFile(flagsFile) || !Files.exists(classes)) {
            throw new IllegalStateException("local-sql-warehouse is not built in " + moduleDirectory.toAbsolutePath()
                    + ": run ./mvnw -pl local-sql-warehouse -am package -DskipTests");
        }
        int boundPort = port == 0 ? Loopback.freePort() : port;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(Files.readString(flagsFile).trim().split("\\s+")));
        command.addAll(List.of(
                // without a cap the JVM takes up to a quarter of the machine's memory: 2.4 GB resident after the
                // daily reads of three years of gold, where the same chain runs in 1 GB (docs/BENCHMARKS.md#scale)
                "-Xmx" + HEAP,
                "-Duser.timezone=UTC",
                "-cp",
                classes + ":" + Files.readString(classpathFile).strip(),
                MAIN_CLASS,
                "--lake-root",
                lakeRoot,
                "--port",
                Integer.toString(boundPort),
                "--bind",
                Loopback.HOST));
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        LoggedProcess process =
                LoggedProcess.start("local-sql-warehouse", new ProcessBuilder(command), log, Duration.ofSeconds(10));
        LocalSqlWarehouseProcess warehouse =
                new LocalSqlWarehouseProcess(process, boundPort, lakeRoot, logStart, moduleDirectory, timeout);
        try {
            warehouse.awaitReady(timeout);
        } catch (RuntimeException e) {
            warehouse.close();
            throw e;
        }
        return warehouse;
    }

    /** {@code jdbc:hive2://127.0.0.1:PORT/default;transportMode=http;httpPath=cliservice}. */
    public String jdbcUrl() {
        return "jdbc:hive2://" + Loopback.HOST + ":" + port + "/default;transportMode=http;httpPath=cliservice";
    }

    public int port() {
        return port;
    }

    /**
     * A new warehouse on this one's port over the same lake, logging to the same file, after
     * {@link #close()}: the end of a warehouse outage as clients see it (same JDBC URL, same tables).
     */
    public LocalSqlWarehouseProcess startAgain() throws IOException {
        return start(moduleDirectory, lakeRoot, port, process.log(), timeout);
    }

    /** The lake it serves, as given to {@link #start}: gold tables live under {@code <lakeRoot>/gold/}. */
    public String lakeRoot() {
        return lakeRoot;
    }

    /**
     * A connection for a test's own SQL. The Hive JDBC driver is the caller's dependency (it registers
     * itself with DriverManager), so that test-support does not put it on every classpath.
     */
    public java.sql.Connection connect() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl());
    }

    public LoggedProcess process() {
        return process;
    }

    /** forecast-service's gold JDBC URL property. */
    @Override
    public Map<String, String> springProperties() {
        return Map.of("nyc311.gold.url", jdbcUrl());
    }

    @Override
    public void close() {
        process.close();
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!logSays(READY)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "local-sql-warehouse exited with " + process.exitValue() + ":\n" + process.tail(60));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "local-sql-warehouse not ready within " + timeout + ":\n" + process.tail(60));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for local-sql-warehouse", e);
            }
        }
    }

    private boolean logSays(String text) {
        try {
            if (!Files.exists(process.log())) {
                return false;
            }
            byte[] all = Files.readAllBytes(process.log());
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
