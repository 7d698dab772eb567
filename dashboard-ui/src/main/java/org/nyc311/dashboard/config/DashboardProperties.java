package org.nyc311.dashboard.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may log in. {@code login: local} (the default) checks one user from configuration; {@code login: oidc}
 * sends people to the identity provider configured under {@code spring.security.oauth2.client} (see README).
 *
 * @param mlflowUiUrl shown beside models when forecast-service gives an MLflow run id but no link
 */
@ConfigurationProperties("nyc311.dashboard")
public record DashboardProperties(
        @DefaultValue("local") Login login,
        @DefaultValue("analyst") String user,
        String password,
        String mlflowUiUrl) {

    public enum Login {
        LOCAL,
        OIDC
    }
}
