package org.nyc311.dashboard.security;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.nyc311.dashboard.config.DashboardProperties;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every view needs a login. Health, readiness and metrics stay open: container health checks and
 * Prometheus have no session. Local login by default; OIDC when {@code nyc311.dashboard.login=oidc}.
 */
@EnableWebSecurity
@Configuration
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfiguration {

    /** Spring Security's OIDC entry for the registration named {@code oidc} (application-oidc.yml). */
    static final String OIDC_LOGIN_PAGE = "/oauth2/authorization/oidc";

    private final DashboardProperties dashboard;

    SecurityConfiguration(DashboardProperties dashboard) {
        this.dashboard = dashboard;
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers(EndpointRequest.to("health", "info", "prometheus")).permitAll());
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> {
            if (dashboard.login() == DashboardProperties.Login.OIDC) {
                vaadin.oauth2LoginPage(OIDC_LOGIN_PAGE);
            } else {
                vaadin.loginView(LoginView.class);
            }
        });
        return http.build();
    }

    /** The one local user; absent under OIDC, where the identity provider decides who is who. */
    @Bean
    @ConditionalOnProperty(name = "nyc311.dashboard.login", havingValue = "local", matchIfMissing = true)
    UserDetailsService localUser() {
        String password = dashboard.password();
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("nyc311.dashboard.password is not set: give the local dashboard user a "
                    + "password (NYC311_DASHBOARD_PASSWORD), or switch to OIDC with the oidc profile");
        }
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(User.withUsername(dashboard.user())
                .password(encoder.encode(password))
                .roles("ANALYST")
                .build());
    }
}
