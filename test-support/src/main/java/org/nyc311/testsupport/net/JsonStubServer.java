package org.nyc311.testsupport.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A service's stand-in on a real loopback socket, for testing a client: each path answers with an object written
 * as JSON the way a Spring Boot service writes it (ISO dates, not timestamps), with a bare status, or late; every
 * other path is a 404. It keeps the URIs it was asked, query strings included. As a field with
 * {@code @RegisterExtension} it listens from the test's start and closes after it.
 */
public final class JsonStubServer implements AutoCloseable, AfterEachCallback {

    private record Late(Duration delay) {}

    private final ObjectMapper json = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    private final Map<String, Object> answers = new ConcurrentHashMap<>();
    private final List<URI> asked = new CopyOnWriteArrayList<>();
    private volatile Duration everyAnswerAfter = Duration.ZERO;
    private final HttpServer server;
    // a thread per exchange: a late answer must not hold the others, nor close() once it interrupts it
    private final ExecutorService exchanges = Executors.newCachedThreadPool();

    public JsonStubServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(Loopback.HOST, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + Loopback.HOST, e);
        }
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI());
            pause(everyAnswerAfter);
            Object answer = answers.get(exchange.getRequestURI().getPath());
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (answer instanceof Integer status) {
                exchange.sendResponseHeaders(status, -1);
            } else if (answer instanceof Late late) {
                pause(late.delay());
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] body = json.writeValueAsBytes(answer);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.setExecutor(exchanges);
        server.start();
    }

    /** {@code path} answers 200 with {@code body} as JSON. */
    public JsonStubServer answer(String path, Object body) {
        answers.put(path, body);
        return this;
    }

    /** {@code path} answers {@code status} with no body. */
    public JsonStubServer status(String path, int status) {
        answers.put(path, status);
        return this;
    }

    /** {@code path} answers only after {@code delay}, for a client's read timeout. */
    public JsonStubServer late(String path, Duration delay) {
        answers.put(path, new Late(delay));
        return this;
    }

    /** Every answer comes only after {@code delay}: a service's own time per request, e.g. to see calls overlap. */
    public JsonStubServer answerEveryAfter(Duration delay) {
        this.everyAnswerAfter = delay;
        return this;
    }

    public List<URI> asked() {
        return asked;
    }

    public URI baseUri() {
        return URI.create("http://" + Loopback.HOST + ":" + server.getAddress().getPort());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        exchanges.shutdownNow();
        server.stop(0);
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
