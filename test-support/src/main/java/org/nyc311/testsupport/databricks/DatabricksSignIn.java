package org.nyc311.testsupport.databricks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The sign-in of a stub Databricks workspace, as the Databricks SDK's OAuth machine-to-machine flow reads it: the
 * workspace's {@code /.well-known/databricks-config}, the OIDC discovery document it points to, and the token
 * endpoint's {@code client_credentials} answer, in the shapes the workspace documents. One place for the
 * controller's Jobs API test and forecast-service's MLflow contract test.
 */
public final class DatabricksSignIn {

    /** The token endpoint's path on a workspace. */
    public static final String TOKEN_PATH = "/oidc/v1/token";

    private DatabricksSignIn() {}

    /** Serves the discovery documents and a token endpoint that issues {@code accessToken} for an hour. */
    public static void serve(WireMockServer workspace, String accessToken) {
        String host = "http://127.0.0.1:" + workspace.port();
        workspace.stubFor(
                get(urlPathEqualTo("/.well-known/databricks-config")).willReturn(okJson("""
                {"oidc_endpoint": "%s/oidc", "account_id": "0d26daa6-5e44-4c97-a497-ef015f91254a",
                 "workspace_id": "1234567890123456", "cloud": "aws"}""".formatted(host))));
        workspace.stubFor(get(urlPathEqualTo("/oidc/.well-known/oauth-authorization-server"))
                .willReturn(okJson("""
                        {"authorization_endpoint": "%1$s/oidc/v1/authorize",
                         "token_endpoint": "%1$s/oidc/v1/token",
                         "issuer": "%1$s/oidc",
                         "jwks_uri": "%1$s/oidc/jwks.json",
                         "scopes_supported": ["all-apis", "offline_access", "openid", "profile", "email"],
                         "response_types_supported": ["code", "id_token"],
                         "grant_types_supported": ["client_credentials", "authorization_code", "refresh_token"],
                         "code_challenge_methods_supported": ["S256"],
                         "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
                         "subject_types_supported": ["public"],
                         "id_token_signing_alg_values_supported": ["RS256"],
                         "request_uri_parameter_supported": false}""".formatted(host))));
        workspace.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson("""
                {"access_token": "%s", "scope": "all-apis", "token_type": "Bearer", "expires_in": 3600}""".formatted(accessToken))));
    }

    /** Makes the token endpoint refuse the client's secret, as a workspace answers a revoked one. */
    public static void refuseTheSecret(WireMockServer workspace) {
        workspace.stubFor(
                post(urlPathEqualTo(TOKEN_PATH))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error_description\": \"Client authentication failed\", \"error\": \"invalid_client\"}")));
    }
}
