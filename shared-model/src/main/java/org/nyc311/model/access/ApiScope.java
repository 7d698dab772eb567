package org.nyc311.model.access;

import java.util.Locale;

/**
 * What a caller's token allows on the platform's APIs: the OAuth2 scopes of the {@code nyc311} resource server, the
 * same in the local token issuer and in the production Cognito user pool.
 *
 * <p>{@link #requiredFor} is the one rule: every read under {@code /api} needs {@link #READ}; an on-demand fit needs
 * {@link #FORECAST}, because it spends CPU on the request's thread; every other change (an ingestion, a pipeline
 * rerun, a forecast run, an alert's acknowledgement or label) needs {@link #OPERATE}.
 */
public enum ApiScope {
    READ("nyc311/read"),
    OPERATE("nyc311/operate"),
    FORECAST("nyc311/forecast");

    /** The API path whose POST fits a series on the request's thread. */
    public static final String ON_DEMAND_FORECASTS = "/api/v1/forecasts";

    private final String value;

    ApiScope(String value) {
        this.value = value;
    }

    /** The scope as it appears in a token's {@code scope} claim and in a token request. */
    public String value() {
        return value;
    }

    /** Spring Security's authority for this scope ({@code SCOPE_} and the scope). */
    public String authority() {
        return "SCOPE_" + value;
    }

    /** The scope a request to {@code path} with HTTP {@code method} needs. */
    public static ApiScope requiredFor(String method, String path) {
        String verb = method.toUpperCase(Locale.ROOT);
        if (verb.equals("GET") || verb.equals("HEAD") || verb.equals("OPTIONS")) {
            return READ;
        }
        if (verb.equals("POST") && stripTrailingSlash(path).equals(ON_DEMAND_FORECASTS)) {
            return FORECAST;
        }
        return OPERATE;
    }

    /** The scope named {@code value} ({@code nyc311/read}), or an exception that lists the scopes there are. */
    public static ApiScope of(String value) {
        for (ApiScope scope : values()) {
            if (scope.value.equals(value)) {
                return scope;
            }
        }
        throw new IllegalArgumentException(
                "no scope " + value + "; the scopes are nyc311/read, nyc311/operate and nyc311/forecast");
    }

    /** Every scope, space-separated, as a token request asks for them. */
    public static String all() {
        return READ.value + " " + OPERATE.value + " " + FORECAST.value;
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
