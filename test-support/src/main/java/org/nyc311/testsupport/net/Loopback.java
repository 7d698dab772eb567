package org.nyc311.testsupport.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on 127.0.0.1: every server here listens on the loopback interface only. */
public final class Loopback {

    public static final String HOST = "127.0.0.1";
    /** Above the ports that system services commonly listen on. */
    private static final int LOWEST_CHOSEN_PORT = 10_000;
    /** Where the JVMs of this machine claim the ports they chose (see {@link #freePort()}). */
    private static final Path CLAIMS = Path.of(System.getProperty("java.io.tmpdir"), "nyc311-port-claims");
    /**
     * The claims this JVM holds, open until it exits (the system releases the locks then). A JVM-wide table on purpose:
     * a port is chosen once per machine, whoever in this JVM asks.
     */
    private static final Map<Integer, FileChannel> CLAIMED = new ConcurrentHashMap<>();

    private Loopback() {}

    /**
     * A port that was free a moment ago, for a server started a little later. Taken below the kernel's ephemeral range,
     * so that the outgoing connections of every other process on the machine (which get their local ports from that
     * range, thousands a minute while the test suites run side by side) cannot take it before the server binds it.
     * And claimed, with a lock on a file named for it that this JVM holds until it exits, so that no other JVM of ours
     * chooses it while its server is still starting: a platform of ten servers chooses its ports first and binds the
     * last of them minutes later, while the test suites beside it choose theirs. Servers that can bind port 0
     * themselves should do that instead.
     */
    public static int freePort() {
        int ephemeralStart = ephemeralRangeStart();
        if (ephemeralStart - LOWEST_CHOSEN_PORT >= 1_000) {
            OptionalInt port = freePortBetween(LOWEST_CHOSEN_PORT, ephemeralStart, 100);
            if (port.isPresent()) {
                return port.getAsInt();
            }
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                socket.setReuseAddress(true);
                if (claim(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException("no free port on " + HOST, e);
            }
        }
        throw new IllegalStateException("no free port on " + HOST + " that no other process had claimed");
    }

    /** A bindable port in [low, high) that no JVM has claimed, claimed now; empty after {@code attempts} tries. */
    static OptionalInt freePortBetween(int low, int high, int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(low, high);
            if (bindable(port) && claim(port)) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Whether this JVM now holds the port's claim: false when this or another JVM holds it. Without a claims folder
     * it can write (another user's), the bind check alone decides, as before claims.
     */
    static boolean claim(int port) {
        if (CLAIMED.containsKey(port)) {
            return false;
        }
        FileChannel channel;
        try {
            Files.createDirectories(CLAIMS);
            channel = FileChannel.open(
                    CLAIMS.resolve(Integer.toString(port)), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            return true;
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null && CLAIMED.putIfAbsent(port, channel) == null) {
                return true;
            }
        } catch (IOException | OverlappingFileLockException e) {
            // held by another JVM, or by another channel of this one
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held
        }
        return false;
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of Linux's ephemeral range ({@code ip_local_port_range}); IANA's 49152 elsewhere. */
    static int ephemeralRangeStart() {
        // a line read, not Files.readString: /proc reports a size of 0, and readString then returns one byte
        try (BufferedReader range = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            return Integer.parseInt(range.readLine().strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until something accepts connections on the port, or fails naming what did not come up. */
    public static void awaitListening(String what, int port, Duration timeout, ProcessHandle process) {
        Instant deadline = Instant.now().plus(timeout);
        while (!isListening(port)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(what + " exited before it listened on " + HOST + ":" + port);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        what + " did not listen on " + HOST + ":" + port + " within " + timeout);
            }
            sleep(Duration.ofMillis(100));
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
