package org.nyc311.dashboard.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nyc311.dashboard.config.ServicesProperties;
import org.nyc311.testsupport.net.Loopback;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * A platform service on a real loopback socket that answers each path with a service's own record (service-api's,
 * written as Boot's Jackson writes it; the services' contract tests prove their controllers write these records at
 * these paths), or with a bare status; every other path is a 404. It keeps the URIs it was asked.
 */
public final class ServiceStub implements AutoCloseable {

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final Map<String, Object> answers = new ConcurrentHashMap<>();
    private final List<URI> asked = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public ServiceStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(Loopback.HOST, 0), 0);
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI());
            Object answer = answers.get(exchange.getRequestURI().getPath());
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (answer instanceof Integer status) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                byte[] body = json.writeValueAsBytes(answer);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    /** Answers {@code path} with {@code answer} as JSON, or with the status when it is an Integer. */
    public ServiceStub answer(String path, Object answer) {
        answers.put(path, answer);
        return this;
    }

    public List<URI> asked() {
        return asked;
    }

    public ServicesProperties.Endpoint endpoint() {
        return new ServicesProperties.Endpoint(URI.create("http://" + Loopback.HOST + ":" + server.getAddress().getPort()), null);
    }

    /** Every service at this stub, with short timeouts. */
    public ServicesProperties services() {
        return new ServicesProperties(endpoint(), endpoint(), endpoint(), endpoint(), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
