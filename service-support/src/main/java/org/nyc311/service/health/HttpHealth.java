package org.nyc311.service.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** A server that has a health URL of its own (an MLflow tracking server: {@code /health}); not required. */
public class HttpHealth extends DependencyHealth {

    private final HttpClient http;
    private final URI url;
    private final Duration timeout;

    public HttpHealth(String name, URI url, Duration timeout, Clock clock) {
        super(name, url.toString(), false, timeout, clock);
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    protected Map<String, Object> probe() throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(
                HttpRequest.newBuilder(url).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered HTTP " + response.statusCode());
        }
        return Map.of();
    }
}
