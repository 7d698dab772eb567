package org.nyc311.forecastservice.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nyc311.testsupport.junit.EmbeddedServer;
import org.nyc311.testsupport.net.LoggedProcess;
import org.nyc311.testsupport.net.Loopback;

/**
 * local-sql-warehouse as {@code ./nyc311 up} runs it: a child JVM with Spark's --add-opens flags and
 * the module's classpath file, serving the gold Delta tables of a lake folder over HTTP JDBC.
 */
public final class WarehouseServer implements EmbeddedServer {

    /** spark-parent's {@code spark.jvm.flags}: Spark 3.5 on Java 17 fails at start without them. */
    static final List<String> SPARK_JVM_FLAGS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private final LoggedProcess process;
    private final Path lake;
    private final int port;

    private WarehouseServer(LoggedProcess process, Path lake, int port) {
        this.process = process;
        this.lake = lake;
        this.port = port;
    }

    /** Where the classpath file is, or null when the module has not been built (tests then skip). */
    public static Path classpathFile() {
        String file = System.getProperty("warehouse.classpath-file");
        return file == null || !Files.isRegularFile(Path.of(file)) ? null : Path.of(file);
    }

    public static WarehouseServer start(Path scratch) throws IOException, InterruptedException {
        Path lake = Files.createDirectories(scratch.resolve("lake"));
        int port = Loopback.freePort();
        String classpath = System.getProperty("warehouse.classes") + ":" + Files.readString(classpathFile()).strip();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SPARK_JVM_FLAGS);
        command.addAll(List.of("-Xmx1g", "-Duser.timezone=UTC", "-cp", classpath, "org.nyc311.warehouse.LocalSqlWarehouse",
                "--lake-root", lake.toUri().toString(), "--port", String.valueOf(port), "--spark-master", "local[2]"));
        // its working folder is the scratch folder: whatever Spark leaves behind goes with it
        LoggedProcess process = LoggedProcess.start("local-sql-warehouse", new ProcessBuilder(command).directory(scratch.toFile()),
                scratch.resolve("warehouse.log"), Duration.ofSeconds(10));
        WarehouseServer server = new WarehouseServer(process, lake, port);
        try {
            server.awaitReady(Duration.ofMinutes(3));
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:hive2://127.0.0.1:" + port + "/default;transportMode=http;httpPath=cliservice";
    }

    public Path lake() {
        return lake;
    }

    /** A connection for the test's own SQL (the driver registers itself through java.sql.Driver). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    public String logTail() {
        return process.tail(40);
    }

    @Override
    public Map<String, String> springProperties() {
        return Map.of("nyc311.gold.url", jdbcUrl());
    }

    @Override
    public void close() {
        process.close();
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!Files.exists(process.log()) || !Files.readString(process.log()).contains("local-sql-warehouse ready")) {
            if (!process.isAlive()) {
                throw new IllegalStateException("local-sql-warehouse exited " + process.exitValue() + ":\n" + process.tail(60));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("local-sql-warehouse not ready within " + timeout + ":\n" + process.tail(60));
            }
            Thread.sleep(200);
        }
    }
}
