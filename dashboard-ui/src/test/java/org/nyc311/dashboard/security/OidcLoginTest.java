package org.nyc311.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nyc311.testsupport.net.Loopback;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;

/**
 * The production switch is configuration only: with the oidc profile a view sends people to the identity provider,
 * and there is no local login. The identity provider is an outside service, so it is a small HTTP server here that
 * serves the one document Spring reads at start: the OpenID discovery document.
 */
@ExtendWith(TokenIssuerExtension.class)
@ActiveProfiles("oidc")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "NYC311_OIDC_CLIENT_ID=dashboard",
    "NYC311_OIDC_CLIENT_SECRET=secret"
})
class OidcLoginTest {

    private static HttpServer identityProvider;

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) throws IOException {
        identityProvider = HttpServer.create(new InetSocketAddress(Loopback.HOST, 0), 0);
        String issuer = "http://" + Loopback.HOST + ":" + identityProvider.getAddress().getPort();
        byte[] discovery = ("{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"userinfo_endpoint\":\"" + issuer + "/userinfo\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"scopes_supported\":[\"openid\",\"profile\",\"email\"]}").getBytes(StandardCharsets.UTF_8);
        identityProvider.createContext("/.well-known/openid-configuration", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, discovery.length);
            exchange.getResponseBody().write(discovery);
            exchange.close();
        });
        identityProvider.start();
        registry.add("NYC311_OIDC_ISSUER_URI", () -> issuer);
    }

    @AfterAll
    static void stopIdentityProvider() {
        identityProvider.stop(0);
    }

    @Test
    void aViewRedirectsToTheIdentityProvider() throws Exception {
        HttpResponse<String> view = get("/pipeline");
        assertThat(view.statusCode()).isEqualTo(302);
        assertThat(view.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith(SecurityConfiguration.OIDC_LOGIN_PAGE));

        HttpResponse<String> authorize = get(SecurityConfiguration.OIDC_LOGIN_PAGE);
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(authorize.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith("http://" + Loopback.HOST + ":" + identityProvider.getAddress().getPort() + "/authorize?")
                .contains("client_id=dashboard").contains("scope=openid"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        // redirects are what is checked: never follow them; a browser asks for HTML (an API client would get 401)
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        return client.send(HttpRequest.newBuilder(URI.create(http.getRootUri() + path)).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthStaysOpenForContainerChecks() {
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);
    }
}
