package org.nyc311.launcher.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.testsupport.tokens.ClientCredentials;
import org.nyc311.testsupport.tokens.TokenIssuer;
import picocli.CommandLine;

/** The issuer docker-compose runs: its clients from the environment, and the issuer name the services trust. */
class TokenIssuerCommandTest {

    @Test
    void clientsWithASecretInTheEnvironmentGetTokensAndTheIssuerNamesItselfAsTold() throws Exception {
        TokenIssuerCommand command = new TokenIssuerCommand(Map.of(
                "NYC311_CLIENT_SECRET_ANOMALY_SERVICE", "anomaly-secret",
                "NYC311_CLIENT_SECRET_DASHBOARD_UI", "dashboard-secret"));
        new CommandLine(command).parseArgs("--port", "0", "--issuer", "http://token-issuer:9096");

        try (TokenIssuer tokens = command.start()) {
            assertThat(command.registerClients(tokens)).containsExactly("anomaly-service", "dashboard-ui");
            URI local = URI.create("http://127.0.0.1:" + tokens.port());
            String discovery = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(local.resolve("/.well-known/openid-configuration"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(new ObjectMapper().readTree(discovery).path("issuer").asText())
                    .isEqualTo("http://token-issuer:9096");

            URI tokenEndpoint = local.resolve("/oauth2/token");
            assertThat(ClientCredentials.token(tokenEndpoint, "anomaly-service", "anomaly-secret", "nyc311/read"))
                    .isNotBlank();
            assertThatThrownBy(() -> ClientCredentials.token(
                            tokenEndpoint, "anomaly-service", "anomaly-secret", "nyc311/operate"))
                    .hasMessageContaining("invalid_scope");
            assertThatThrownBy(() -> ClientCredentials.token(tokenEndpoint, "local-analyst", "", null))
                    .as("a client without a secret in the environment is not registered")
                    .hasMessageContaining("invalid_client");
        }
    }

    @Test
    void theSecretVariableIsTheClientIdInUpperCase() {
        assertThat(TokenIssuerCommand.secretVariable("dashboard-ui")).isEqualTo("NYC311_CLIENT_SECRET_DASHBOARD_UI");
    }
}
