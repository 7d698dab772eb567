package org.nyc311.testsupport.tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.access.ApiScope;
import org.nyc311.testsupport.junit.EmbeddedServer;
import org.nyc311.testsupport.net.Loopback;

/**
 * The platform's token issuer off AWS: what the Cognito user pool is in production, on a real socket, for
 * {@code ./nyc311 up}, docker-compose and the tests. It plays Cognito's part as the Socrata and Databricks stubs
 * play theirs, with the same shapes:
 *
 * <ul>
 *   <li>{@code /.well-known/openid-configuration}: the discovery document Spring Security reads the JWK set's
 *       address from, with the issuer the services are configured with;</li>
 *   <li>{@code /.well-known/jwks.json}: the public half of an RSA key generated at start (it never leaves the
 *       process);</li>
 *   <li>{@code POST /oauth2/token}: the client-credentials grant for registered clients (HTTP Basic or form
 *       credentials), answering Cognito's {@code invalid_client}, {@code invalid_scope},
 *       {@code unsupported_grant_type} and {@code invalid_request};</li>
 *   <li>access tokens with Cognito's claims ({@code token_use=access}, {@code client_id}, {@code scope}),
 *       signed RS256 with a {@code kid}.</li>
 * </ul>
 */
public final class TokenIssuer implements EmbeddedServer {

    /** How long an access token lives: Cognito's default for app clients. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private record Client(String secret, Set<ApiScope> scopes) {}

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final RSAKey key;
    private final URI issuer;
    private final HttpServer server;
    private final ExecutorService exchanges = Executors.newCachedThreadPool();
    private final Clock clock;

    private TokenIssuer(InetSocketAddress address, @Nullable URI publicAddress, Clock clock) throws IOException {
        this.clock = clock;
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the token issuer's RSA key", e);
        }
        server = HttpServer.create(address, 0);
        issuer = publicAddress != null
                ? publicAddress
                : URI.create(
                        "http://" + Loopback.HOST + ":" + server.getAddress().getPort());
        server.createContext("/", this::answer);
        server.setExecutor(exchanges);
        server.start();
    }

    /** An issuer on 127.0.0.1 at {@code port} (0: any free port), naming itself by that address. */
    public static TokenIssuer start(int port) {
        return start(new InetSocketAddress(Loopback.HOST, port), null);
    }

    /**
     * An issuer listening on {@code address} that names itself {@code publicAddress} (in docker-compose, the
     * services reach it by its service name, not by the address it binds).
     */
    public static TokenIssuer start(InetSocketAddress address, @Nullable URI publicAddress) {
        try {
            return new TokenIssuer(address, publicAddress, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("the token issuer cannot listen on " + address, e);
        }
    }

    /** The issuer's URI: {@code iss} of its tokens, and where its discovery document is. */
    public URI issuer() {
        return issuer;
    }

    /** Where clients ask for tokens. */
    public URI tokenUri() {
        return URI.create(issuer + "/oauth2/token");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Registers an app client that may ask for {@code scopes} with the client-credentials grant. */
    public TokenIssuer register(String clientId, String secret, Set<ApiScope> scopes) {
        clients.put(clientId, new Client(secret, Set.copyOf(scopes)));
        return this;
    }

    /** A token for {@code clientId} with {@code scopes}, valid for {@link #TOKEN_LIFETIME} from now. */
    public String token(String clientId, ApiScope... scopes) {
        return sign(clientId, List.of(scopes), clock.instant(), TOKEN_LIFETIME);
    }

    /** A token with every scope, for a caller that may do anything the APIs offer. */
    public String tokenWithEveryScope() {
        return token("nyc311-test", ApiScope.values());
    }

    /** A token whose lifetime ended a minute ago: correctly signed, no longer valid. */
    public String expiredToken(ApiScope... scopes) {
        Instant issued = clock.instant().minus(TOKEN_LIFETIME).minusSeconds(60);
        return sign("nyc311-test", List.of(scopes), issued, TOKEN_LIFETIME);
    }

    /** The Spring property that makes a service trust this issuer's tokens. */
    @Override
    public Map<String, String> springProperties() {
        return Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer.toString());
    }

    @Override
    public void close() {
        server.stop(0);
        exchanges.shutdownNow();
    }

    private String sign(String clientId, List<ApiScope> scopes, Instant issued, Duration lifetime) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer.toString())
                .subject(clientId)
                .claim("client_id", clientId)
                .claim("token_use", "access")
                .claim("scope", scopes.stream().map(ApiScope::value).collect(Collectors.joining(" ")))
                .claim("auth_time", issued.getEpochSecond())
                .claim("version", 2)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/.well-known/openid-configuration") && method.equals("GET")) {
                send(exchange, 200, discovery());
            } else if (path.equals("/.well-known/jwks.json") && method.equals("GET")) {
                send(exchange, 200, new JWKSet(key.toPublicJWK()).toJSONObject());
            } else if (path.equals("/oauth2/token") && method.equals("POST")) {
                tokenRequest(exchange);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer.toString());
        document.put("jwks_uri", issuer + "/.well-known/jwks.json");
        document.put("token_endpoint", tokenUri().toString());
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("response_types_supported", List.of("token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put(
                "scopes_supported",
                Arrays.stream(ApiScope.values()).map(ApiScope::value).toList());
        return document;
    }

    private void tokenRequest(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String[] credentials = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
        String clientId = credentials != null ? credentials[0] : form.get("client_id");
        String secret = credentials != null ? credentials[1] : form.get("client_secret");
        if (!"client_credentials".equals(form.get("grant_type"))) {
            send(
                    exchange,
                    400,
                    Map.of("error", form.containsKey("grant_type") ? "unsupported_grant_type" : "invalid_request"));
            return;
        }
        Client client = clientId == null ? null : clients.get(clientId);
        if (clientId == null
                || client == null
                || secret == null
                || !client.secret().equals(secret)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"nyc311\"");
            send(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        Set<ApiScope> asked = new LinkedHashSet<>();
        String scope = form.get("scope");
        try {
            if (scope == null || scope.isBlank()) {
                asked.addAll(client.scopes());
            } else {
                for (String name : scope.trim().split("\\s+")) {
                    asked.add(ApiScope.of(name));
                }
            }
        } catch (IllegalArgumentException unknown) {
            send(exchange, 400, Map.of("error", "invalid_scope"));
            return;
        }
        if (!client.scopes().containsAll(asked)) {
            send(exchange, 400, Map.of("error", "invalid_scope"));
            return;
        }
        String token = sign(clientId, List.copyOf(asked), clock.instant(), TOKEN_LIFETIME);
        send(
                exchange,
                200,
                Map.of("access_token", token, "expires_in", TOKEN_LIFETIME.toSeconds(), "token_type", "Bearer"));
    }

    private static String @Nullable [] basicCredentials(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        // RFC 6749 2.3.1: both halves are form-encoded before they are joined
        return new String[] {decode(decoded.substring(0, colon)), decode(decoded.substring(colon + 1))};
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            fields.put(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
        }
        return fields;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
