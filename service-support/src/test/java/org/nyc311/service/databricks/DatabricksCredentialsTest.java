package org.nyc311.service.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The refusals happen before the SDK is asked anything, so they need no workspace; the sign-in itself is shown over
 * a stub workspace by pipeline-controller's DatabricksOAuthM2MTest and forecast-service's
 * MlflowOnDatabricksContractTest.
 */
class DatabricksCredentialsTest {

    private static final String PREFIX = "nyc311.example.databricks";
    private static final String HOST = "https://dbc-a1b2345c-d6e7.cloud.databricks.com";

    @Test
    void aWorkspaceWithoutAHostIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new DatabricksCredentials(null, "id", "secret", null).config(PREFIX))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PREFIX + ".host");
    }

    @Test
    void bothWaysAreRefused() {
        assertThatThrownBy(() -> new DatabricksCredentials(HOST, "id", "secret", "dapi-x").config(PREFIX))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PREFIX + ".client-id")
                .hasMessageContaining(PREFIX + ".client-secret")
                .hasMessageContaining(PREFIX + ".token")
                .hasMessageEndingWith("not both");
    }

    @Test
    void neitherWayIsRefused() {
        assertThatThrownBy(() -> new DatabricksCredentials(HOST, " ", null, "").config(PREFIX))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("neither is set");
    }

    @Test
    void halfAClientCredentialIsRefusedNamingTheMissingHalf() {
        assertThatThrownBy(() -> new DatabricksCredentials(HOST, null, "secret", null).config(PREFIX))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only client-secret is set");
    }

    @Test
    void theLogLineNamesThePrincipalButNeverTheSecret() {
        assertThat(new DatabricksCredentials(HOST, "6e1c7f4a", "dose-secret", null).describe())
                .contains("6e1c7f4a")
                .doesNotContain("dose-secret");
        assertThat(new DatabricksCredentials(HOST, null, null, "dapi-x").describe())
                .isEqualTo("a personal access token")
                .doesNotContain("dapi-x");
    }
}
