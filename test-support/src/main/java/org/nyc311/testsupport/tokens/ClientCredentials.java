package org.nyc311.testsupport.tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A token from an issuer's token endpoint by the client-credentials grant, as a service or a script asks for one:
 * for tests and commands that call a service from outside it (the services themselves use Spring Security's client).
 */
public final class ClientCredentials {

    private ClientCredentials() {}

    /** The access token for {@code clientId} with {@code scope} (space-separated; blank: every scope it may have). */
    public static String token(URI tokenUri, String clientId, String clientSecret, @Nullable String scope) {
        String basic = Base64.getEncoder()
                .encodeToString((encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        String form =
                "grant_type=client_credentials" + (scope == null || scope.isBlank() ? "" : "&scope=" + encode(scope));
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the token issuer at " + tokenUri + " refused client " + clientId + ": "
                        + response.statusCode() + " " + response.body());
            }
            return new ObjectMapper()
                    .readTree(response.body())
                    .path("access_token")
                    .asText();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "no answer from the token issuer at " + tokenUri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + tokenUri + " for a token", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
