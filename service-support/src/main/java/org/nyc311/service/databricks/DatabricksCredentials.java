package org.nyc311.service.databricks;

import com.databricks.sdk.core.DatabricksConfig;
import org.jspecify.annotations.Nullable;

/**
 * How a service signs in to a Databricks workspace, read from the service's own settings (its prefix, e.g.
 * {@code nyc311.controller.databricks}): either a service principal's OAuth client id and secret (machine to machine,
 * what production uses, one principal per service, from Secrets Manager) or a personal access token (development).
 * Exactly one of the two: a service given both or neither refuses to start and names the settings, rather than
 * the Databricks SDK picking one from the environment or a {@code ~/.databrickscfg} nobody meant.
 *
 * <p>With a client id and secret the SDK ({@code oauth-m2m}) finds the workspace's token endpoint
 * ({@code /.well-known/databricks-config}, then {@code /oidc/.well-known/oauth-authorization-server}), posts the
 * client credentials there (grant {@code client_credentials}, scope {@code all-apis}) and renews the hour-long token
 * before it expires; every call carries {@code Authorization: Bearer <token>}.
 *
 * @param host the workspace URL, {@code https://dbc-….cloud.databricks.com}
 * @param clientId the service principal's application (client) id
 * @param clientSecret the service principal's OAuth secret
 * @param token a personal access token, for development
 */
public record DatabricksCredentials(
        @Nullable String host,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable String token) {

    /**
     * The SDK configuration these credentials give, resolved: the SDK reads the workspace's metadata now (a workspace
     * that does not answer is logged and read again later), and asks for a token on the first authenticated call.
     *
     * @param prefix the settings' prefix, for the messages
     * @throws IllegalStateException when the host is missing, or not exactly one way of signing in is set
     */
    public DatabricksConfig config(String prefix) {
        if (!isSet(host)) {
            throw new IllegalStateException("set " + prefix
                    + ".host to the Databricks workspace URL (https://<workspace>.cloud.databricks.com)");
        }
        boolean oauth = isSet(clientId) || isSet(clientSecret);
        boolean pat = isSet(token);
        String choice = "set either " + prefix + ".client-id and " + prefix
                + ".client-secret (OAuth M2M for a service principal) or " + prefix
                + ".token (a personal access token, for development)";
        if (oauth && pat) {
            throw new IllegalStateException(choice + ", not both");
        }
        if (!oauth && !pat) {
            throw new IllegalStateException(choice + "; neither is set");
        }
        DatabricksConfig config = new DatabricksConfig().setHost(host);
        if (oauth) {
            if (!isSet(clientId) || !isSet(clientSecret)) {
                throw new IllegalStateException("set both " + prefix + ".client-id and " + prefix
                        + ".client-secret for OAuth M2M; only " + (isSet(clientId) ? "client-id" : "client-secret")
                        + " is set");
            }
            config.setClientId(clientId).setClientSecret(clientSecret).setAuthType("oauth-m2m");
        } else {
            config.setToken(token).setAuthType("pat");
        }
        return config.resolve();
    }

    /** Which way of signing in is set, for a log line (never the secret itself). */
    public String describe() {
        return isSet(clientId) ? "OAuth M2M as service principal " + clientId : "a personal access token";
    }

    private static boolean isSet(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
