package org.nyc311.dashboard.security;

import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Outside the {@code local} profile the OIDC login is the only login, so the dashboard does not start without it,
 * and says which settings are missing, all of them at once. It runs before any bean is made: otherwise the first
 * failure would be Spring's, deep in the OAuth2 client, naming one setting (or an issuer it could not reach).
 */
final class OidcLoginRequired implements BeanFactoryPostProcessor {

    /** One setting of the login: what it is, the environment variable a deployment sets, the property it feeds. */
    record Setting(String name, String variable, String property) {}

    static final List<Setting> SETTINGS = List.of(
            new Setting("issuer", "NYC311_OIDC_ISSUER_URI", "spring.security.oauth2.client.provider.oidc.issuer-uri"),
            new Setting(
                    "client id", "NYC311_OIDC_CLIENT_ID", "spring.security.oauth2.client.registration.oidc.client-id"),
            new Setting(
                    "client secret",
                    "NYC311_OIDC_CLIENT_SECRET",
                    "spring.security.oauth2.client.registration.oidc.client-secret"));

    private final Environment environment;

    OidcLoginRequired(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<Setting> missing = SETTINGS.stream()
                .filter(setting -> {
                    String value = environment.getProperty(setting.property());
                    return value == null || value.isBlank();
                })
                .toList();
        if (!missing.isEmpty()) {
            throw new LoginNotConfiguredException(missing);
        }
    }
}
