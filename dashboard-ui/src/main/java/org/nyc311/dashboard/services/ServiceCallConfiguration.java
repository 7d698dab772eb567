package org.nyc311.dashboard.services;

import org.nyc311.api.access.ServiceCallSettings;
import org.nyc311.api.access.ServiceCallTokens;
import org.nyc311.dashboard.config.ServicesProperties;
import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard's own bearer token on every call to the platform's services, whichever user is looking: the
 * services check tokens, and the dashboard's app client holds the scopes its views use (reading, and on-demand
 * forecasts and operations where a view offers them). One interceptor for every client, so the dashboard asks the
 * issuer for one token, not one per service. Without an app client the dashboard refuses to start: every view would
 * otherwise show the services as unavailable.
 */
@Configuration(proxyBeanMethods = false)
class ServiceCallConfiguration {

    @Bean
    RestClientCustomizer serviceCallTokens(ServicesProperties services) {
        ServiceCallSettings client = services.client().requireComplete("dashboard-ui", "the platform's services");
        var tokens = ServiceCallTokens.interceptor(client);
        return builder -> builder.requestInterceptor(tokens);
    }
}
