package org.nyc311.forecastservice.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/**
 * A TCP forwarder on 127.0.0.1 in front of a real server, that can be switched off: while off it
 * hangs up on every connection, as a server that is down or unreachable does. Lets a test take MLflow
 * away from the service and give it back without restarting either.
 */
public final class SwitchableForwarder implements AutoCloseable {

    private final ServerSocket server;
    private final URI target;
    private volatile boolean up;

    public SwitchableForwarder(URI target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "forwarder-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public void up(boolean reachable) {
        this.up = reachable;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!up) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(target.getHost(), target.getPort()), 2000);
                pump(client.getInputStream(), upstream.getOutputStream(), client, upstream);
                pump(upstream.getInputStream(), client.getOutputStream(), upstream, client);
            } catch (IOException e) {
                // a closed server socket ends the loop; a failed connection drops that one client
            }
        }
    }

    private static void pump(InputStream in, OutputStream out, Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    try {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // either side hung up
                    } finally {
                        try {
                            to.shutdownOutput();
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }
                },
                "forwarder-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
