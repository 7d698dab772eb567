package org.nyc311.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.testsupport.net.JsonStubServer;
import org.nyc311.testsupport.net.Loopback;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The dashboard as deployed: no profile (so OIDC, the only login there), the OIDC settings from the environment's
 * names, and actuator on a management port of its own. The identity provider is an outside service, so it is a
 * stand-in on a loopback socket serving what Spring reads of it: the OpenID discovery document (at start) and the
 * JWK set it names.
 */
@ExtendWith(TokenIssuerExtension.class)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"NYC311_OIDC_CLIENT_ID=dashboard", "NYC311_OIDC_CLIENT_SECRET=secret", "management.server.port=0"
        })
class OidcLoginTest {

    private static final JsonStubServer identityProvider = new JsonStubServer();
    private static final String PUBLIC_API_HOST = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) throws Exception {
        String issuer = identityProvider.baseUri().toString();
        identityProvider.answer(
                "/.well-known/openid-configuration",
                Map.of(
                        "issuer",
                        issuer,
                        "authorization_endpoint",
                        issuer + "/authorize",
                        "token_endpoint",
                        issuer + "/token",
                        "jwks_uri",
                        issuer + "/jwks",
                        "userinfo_endpoint",
                        issuer + "/userinfo",
                        "response_types_supported",
                        List.of("code"),
                        "subject_types_supported",
                        List.of("public"),
                        "id_token_signing_alg_values_supported",
                        List.of("RS256"),
                        "scopes_supported",
                        List.of("openid", "profile", "email")));
        identityProvider.answer(
                "/jwks",
                new JWKSet(new RSAKeyGenerator(2048)
                                .keyID("stand-in")
                                .generate()
                                .toPublicJWK())
                        .toJSONObject());
        registry.add("NYC311_OIDC_ISSUER_URI", () -> issuer);
    }

    @AfterAll
    static void stopIdentityProvider() {
        identityProvider.close();
    }

    @Test
    void aViewSendsPeopleToTheIdentityProvider() throws Exception {
        HttpResponse<String> view = browse(port, "/pipeline");
        assertThat(view.statusCode()).isEqualTo(302);
        assertThat(view.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith(SecurityConfiguration.OIDC_LOGIN_PAGE));

        HttpResponse<String> authorize = browse(port, SecurityConfiguration.OIDC_LOGIN_PAGE);
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(authorize.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location)
                        .startsWith(identityProvider.baseUri() + "/authorize?")
                        .contains("client_id=dashboard")
                        .contains("scope=openid"));
    }

    @Test
    void thereIsNoPasswordFormToFallBackOn() throws Exception {
        HttpResponse<String> login = browse(port, "/login");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith(SecurityConfiguration.OIDC_LOGIN_PAGE));
    }

    @Test
    void behindThePublicApiTheRedirectsAreOnItsHttpsAddress() throws Exception {
        // what API Gateway's HTTP API adds to a request it passes on (RFC 7239); the Host header it sends is the task's
        String forwarded = "for=198.51.100.7;host=" + PUBLIC_API_HOST + ";proto=https";

        HttpResponse<String> view = browse(port, "/pipeline", "Forwarded", forwarded);
        HttpResponse<String> authorize = browse(port, SecurityConfiguration.OIDC_LOGIN_PAGE, "Forwarded", forwarded);

        assertThat(view.headers().firstValue("Location"))
                .hasValue("https://" + PUBLIC_API_HOST + SecurityConfiguration.OIDC_LOGIN_PAGE);
        assertThat(redirectUri(authorize)).isEqualTo("https://" + PUBLIC_API_HOST + "/login/oauth2/code/oidc");
    }

    @Test
    void theLoadBalancersForwardedProtoStillCounts() throws Exception {
        HttpResponse<String> authorize =
                browse(port, SecurityConfiguration.OIDC_LOGIN_PAGE, "X-Forwarded-Proto", "https");

        assertThat(redirectUri(authorize)).isEqualTo("https://" + Loopback.HOST + "/login/oauth2/code/oidc");
    }

    @Test
    void withoutForwardingHeadersTheRedirectsAreOnTheRequestsOwnAddressAndTheCookieIsNotSecure() throws Exception {
        HttpResponse<String> authorize = browse(port, SecurityConfiguration.OIDC_LOGIN_PAGE);

        // Secure comes from server.servlet.session.cookie.secure, which deploy/ecs sets with its public API
        // (TemplateSecurityTest), never from a header
        assertThat(sessionCookie(authorize)).doesNotContainIgnoringCase("secure");
        assertThat(redirectUri(authorize))
                .isEqualTo("http://" + Loopback.HOST + ":" + port + "/login/oauth2/code/oidc");
    }

    @Test
    void theProbesAnswerOnTheMainPortWithoutALogin() throws Exception {
        assertThat(get(port, "/livez").statusCode()).isEqualTo(200);
        assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void actuatorIsOnTheManagementPortOnly() throws Exception {
        HttpResponse<String> metrics = get(managementPort, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"dashboard-ui\"");
        assertThat(get(managementPort, "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode())
                .isEqualTo(200);

        // the load balancer routes the main port only: there actuator is not served, and the path needs a login
        HttpResponse<String> mainPort = browse(port, "/actuator/prometheus");
        assertThat(mainPort.statusCode()).isEqualTo(302);
        assertThat(mainPort.body()).doesNotContain("dashboard-ui");
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no session cookie in " + response.headers().map()));
    }

    private static String redirectUri(HttpResponse<String> authorize) {
        String location = authorize.headers().firstValue("Location").orElseThrow();
        String encoded = UriComponentsBuilder.fromUriString(location)
                .build()
                .getQueryParams()
                .getFirst("redirect_uri");
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    /** As a browser asks: for HTML. */
    private static HttpResponse<String> browse(int port, String path, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Accept";
        all[1] = "text/html";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return get(port, path, all);
    }

    private static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        // redirects are what is checked: never follow them
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + Loopback.HOST + ":" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
