package org.nyc311.testsupport.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on 127.0.0.1: every server here listens on the loopback interface only. */
public final class Loopback {

    public static final String HOST = "127.0.0.1";
    /** Above the ports that system services commonly listen on. */
    private static final int LOWEST_CHOSEN_PORT = 10_000;

    private Loopback() {}

    /**
     * A port that was free a moment ago, for a server started a little later. Taken below the kernel's ephemeral range,
     * so that the outgoing connections of every other process on the machine (which get their local ports from that
     * range, thousands a minute while the test suites run side by side) cannot take it before the server binds it.
     * Servers that can bind port 0 themselves should do that instead.
     */
    public static int freePort() {
        int ephemeralStart = ephemeralRangeStart();
        if (ephemeralStart - LOWEST_CHOSEN_PORT >= 1_000) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST_CHOSEN_PORT, ephemeralStart);
                if (bindable(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on " + HOST, e);
        }
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
