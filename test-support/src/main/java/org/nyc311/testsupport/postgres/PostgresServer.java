package org.nyc311.testsupport.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nyc311.testsupport.junit.EmbeddedServer;
import org.nyc311.testsupport.net.LoggedProcess;
import org.nyc311.testsupport.net.Loopback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server in a child process on 127.0.0.1, from binaries on Maven Central.
 *
 * <p>PostgreSQL refuses to run as root, and CI machines here run everything as root; so when this
 * JVM is root, the server runs as the unprivileged user {@code nobody} (through {@code setpriv}) and
 * its data folder belongs to that user. That is also why the binaries live in a world-readable cache
 * outside root's home.
 */
public final class PostgresServer implements EmbeddedServer {

    public static final String SUPERUSER = "postgres";

    /** The system property the server's port is published in when {@link PostgresServerExtension} starts it. */
    public static final String PORT_PROPERTY = "nyc311.test.postgres.port";

    /**
     * The JDBC URL of a database on the server, as a Spring property value to end with the database's name: a test
     * class with a database of its own states {@code "spring.datasource.url=" + DATABASE_URL + "its_database"} in
     * its {@code @TestPropertySource} and creates the database in a {@code @BeforeAll}.
     */
    public static final String DATABASE_URL = "jdbc:postgresql://" + Loopback.HOST + ":${" + PORT_PROPERTY + "}/";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final int NOBODY = 65534;

    private final LoggedProcess process;
    private final Path dataDirectory;
    private final int port;

    private PostgresServer(LoggedProcess process, Path dataDirectory, int port) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * Starts a server over {@code dataDirectory}, initialising it when empty: a second start over the
     * same folder keeps the data of the first.
     */
    public static PostgresServer start(Path dataDirectory, int port) throws IOException {
        Path binaries = PostgresBinaries.unpacked(Path.of(System.getProperty("java.io.tmpdir"), "nyc311-cache"));
        boolean root = isRoot();
        Files.createDirectories(dataDirectory);
        if (root) {
            // the server user must reach the folder: open the parents it needs to traverse
            ownByNobody(dataDirectory);
        }
        if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            run(
                    root,
                    binaries.resolve("bin/initdb").toString(),
                    "-A",
                    "trust",
                    "-U",
                    SUPERUSER,
                    "-E",
                    "UTF-8",
                    "--locale=C",
                    "-D",
                    dataDirectory.toString());
        }
        int boundPort = port == 0 ? Loopback.freePort() : port;
        Path log = dataDirectory.resolve("server.log");
        List<String> command = asServerUser(
                root,
                binaries.resolve("bin/postgres").toString(),
                "-D",
                dataDirectory.toString(),
                "-p",
                Integer.toString(boundPort),
                "-h",
                Loopback.HOST,
                "-k",
                dataDirectory.toString(),
                // tests and a laptop need no crash safety across power loss, and fsync is most of the start-up cost
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off");
        LoggedProcess process =
                LoggedProcess.start("postgres", new ProcessBuilder(command), log, Duration.ofSeconds(10));
        PostgresServer server = new PostgresServer(process, dataDirectory, boundPort);
        try {
            server.awaitAcceptingConnections(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("PostgreSQL listening on {}:{} (data in {})", Loopback.HOST, boundPort, dataDirectory);
        return server;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * A new server on this one's port over this one's data folder, after {@link #close()}: the end of a
     * database outage as clients see it (same URL, same rows).
     */
    public PostgresServer startAgain() throws IOException {
        return start(dataDirectory, port);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Loopback.HOST + ":" + port + "/" + database;
    }

    /** Creates a database unless it exists; each service owns its own. */
    public void createDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database names here are lower-case identifiers: " + database);
        }
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
    }

    /** The datasource settings of the database {@code postgres}, and the port for {@link #DATABASE_URL}. */
    @Override
    public Map<String, String> springProperties() {
        Map<String, String> properties = new HashMap<>(springProperties("postgres"));
        properties.put(PORT_PROPERTY, Integer.toString(port));
        return Map.copyOf(properties);
    }

    /** The datasource settings of a Spring Boot app (or a child JVM's arguments) for this database, as superuser. */
    public Map<String, String> springProperties(String database) {
        return Map.of(
                "spring.datasource.url",
                jdbcUrl(database),
                "spring.datasource.username",
                SUPERUSER,
                "spring.datasource.password",
                "");
    }

    @Override
    public void close() {
        process.close();
    }

    private void awaitAcceptingConnections(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "PostgreSQL exited at start; its log " + process.log() + " says:\n" + process.tail(20));
            }
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections on port " + port + " within " + timeout
                + ": " + (last == null ? "interrupted" : last.getMessage()) + "\n" + process.tail(20));
    }

    private static void run(boolean root, String... command) throws IOException {
        Process process = new ProcessBuilder(asServerUser(root, command))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command[0], e);
        }
    }

    private static List<String> asServerUser(boolean root, String... command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static void ownByNobody(Path dataDirectory) throws IOException {
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            for (Path path : paths.toList()) {
                Files.setAttribute(path, "unix:uid", NOBODY);
                Files.setAttribute(path, "unix:gid", NOBODY);
            }
        }
        Files.setPosixFilePermissions(
                dataDirectory, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        for (Path parent = dataDirectory.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            var permissions = Files.getPosixFilePermissions(parent);
            if (!permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException("PostgreSQL runs as 'nobody' here (this JVM is root) and cannot reach "
                        + dataDirectory + " because " + parent
                        + " is closed to other users; put the data folder under a traversable path");
            }
        }
    }
}
