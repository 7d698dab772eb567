package org.nyc311.dashboard.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dashboard's own settings. {@code user} and {@code password} are the one user of the local form login, used
 * with the {@code local} profile only (application-local.yml); every other profile logs in through OIDC, configured
 * under {@code spring.security.oauth2.client} (application.yml, see README).
 *
 * @param user the local form login's user (analyst)
 * @param password the local form login's password; application-local.yml gives the local profile its own
 * @param mlflowUiUrl shown beside models when forecast-service gives an MLflow run id but no link
 */
@ConfigurationProperties("nyc311.dashboard")
public record DashboardProperties(String user, String password, String mlflowUiUrl) {

    public DashboardProperties {
        user = user == null ? "analyst" : user;
    }
}
