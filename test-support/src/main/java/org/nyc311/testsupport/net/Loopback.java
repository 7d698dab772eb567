package org.nyc311.testsupport.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Ports on 127.0.0.1: every server here listens on the loopback interface only. */
public final class Loopback {

    public static final String HOST = "127.0.0.1";

    private Loopback() {}

    /** A port that was free a moment ago. Servers that can bind port 0 themselves should do that instead. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on " + HOST, e);
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
