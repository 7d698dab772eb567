package org.nyc311.api.access;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The app client a service calls another with: its client-credentials grant at the platform's token issuer (the
 * Cognito user pool in production, {@code ./nyc311 up}'s issuer locally). Set from {@code NYC311_SERVICE_TOKEN_URI},
 * {@code NYC311_SERVICE_CLIENT_ID}, {@code NYC311_SERVICE_CLIENT_SECRET} and {@code NYC311_SERVICE_SCOPE}.
 *
 * @param tokenUri     the issuer's token endpoint
 * @param clientId     the caller's app client
 * @param clientSecret its secret
 * @param scope        the scopes it asks for, space-separated (blank: every scope the client may have)
 */
public record ServiceCallSettings(
        @Nullable URI tokenUri,
        @Nullable String clientId,
        @Nullable String clientSecret,
        String scope) {

    public ServiceCallSettings(
            @Nullable URI tokenUri, @Nullable String clientId, @Nullable String clientSecret, @Nullable String scope) {
        this.scope = scope == null ? "" : scope.trim();
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Settings that name no client: a caller with them cannot get a token. */
    public static ServiceCallSettings none() {
        return new ServiceCallSettings(null, null, null, "");
    }

    /** Whether a token can be asked for: the endpoint, the client and its secret are all set. */
    public boolean complete() {
        return tokenUri != null
                && !tokenUri.toString().isBlank()
                && clientId != null
                && !clientId.isBlank()
                && clientSecret != null
                && !clientSecret.isBlank();
    }

    /** Throws, naming what is missing, unless {@link #complete()}. */
    public ServiceCallSettings requireComplete(String caller, String callee) {
        if (!complete()) {
            throw new IllegalStateException(
                    caller + " calls " + callee + " with a token and has no app client to ask for "
                            + "one: set NYC311_SERVICE_TOKEN_URI, NYC311_SERVICE_CLIENT_ID and NYC311_SERVICE_CLIENT_SECRET ("
                            + (tokenUri == null || tokenUri.toString().isBlank()
                                    ? "token URI missing"
                                    : "token URI " + tokenUri)
                            + (clientId == null || clientId.isBlank() ? ", client id missing" : ", client " + clientId)
                            + (clientSecret == null || clientSecret.isBlank() ? ", secret missing" : "") + ")");
        }
        return this;
    }

    @Override
    public String toString() {
        // the secret stays out of logs and error messages
        return "ServiceCallSettings[tokenUri=" + tokenUri + ", clientId=" + clientId + ", scope=" + scope + "]";
    }
}
