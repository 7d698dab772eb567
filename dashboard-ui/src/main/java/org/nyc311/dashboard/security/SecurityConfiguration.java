package org.nyc311.dashboard.security;

import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.nyc311.dashboard.config.DashboardProperties;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every view needs a login. The {@code local} profile ({@code ./nyc311 up}) has the local form login, one user from
 * configuration; every other profile has OIDC against the configured provider and refuses to start without it
 * ({@link OidcLoginRequired}): a deployment cannot fall back to a password nobody set on purpose.
 *
 * <p>Without a login: the liveness and readiness probes on the main port ({@code /livez}, {@code /readyz}) and
 * actuator health, for container and load balancer checks. The other actuator endpoints (Prometheus among them) are
 * open only on a management port of their own ({@code management.server.port}), which the load balancer does not
 * route; on the main port, where they are when no management port is set (locally), they need a login like any view.
 */
@EnableWebSecurity
@Configuration(proxyBeanMethods = false)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfiguration {

    /** Spring Security's OIDC entry for the registration named {@code oidc} (application.yml). */
    static final String OIDC_LOGIN_PAGE = "/oauth2/authorization/oidc";

    /** Before Vaadin's rules, which end with "everything else needs a login". */
    private static void permitProbes(HttpSecurity http, Environment environment) throws Exception {
        boolean managementPortOfItsOwn = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                        EndpointRequest.toAdditionalPaths(WebServerNamespace.SERVER, HealthEndpoint.class))
                .permitAll()
                // with a management port of its own, these matchers match on that port only
                .requestMatchers(
                        managementPortOfItsOwn
                                ? EndpointRequest.toAnyEndpoint()
                                : EndpointRequest.to(HealthEndpoint.class))
                .permitAll());
    }

    /** {@code ./nyc311 up}: the form login (LoginView) and its one user. */
    @Configuration(proxyBeanMethods = false)
    @Profile("local")
    static class LocalLogin {

        @Bean
        SecurityFilterChain localLoginFilterChain(HttpSecurity http, Environment environment) throws Exception {
            permitProbes(http, environment);
            http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
            return http.build();
        }

        /** The login form is a route with this profile only: under OIDC there is no password to type. */
        @Bean
        VaadinServiceInitListener loginViewRoute() {
            return event -> RouteConfiguration.forRegistry(ApplicationRouteRegistry.getInstance(
                            event.getSource().getContext()))
                    .setAnnotatedRoute(LoginView.class);
        }

        @Bean
        UserDetailsService localUser(DashboardProperties dashboard) {
            String password = dashboard.password();
            if (password == null || password.isBlank()) {
                throw new IllegalStateException("nyc311.dashboard.password is empty: give the local dashboard user a "
                        + "password (NYC311_DASHBOARD_PASSWORD; the local profile's default is nyc311)");
            }
            PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
            return new InMemoryUserDetailsManager(User.withUsername(dashboard.user())
                    .password(encoder.encode(password))
                    .roles("ANALYST")
                    .build());
        }
    }

    /** Every other profile (production): OIDC against the configured provider, e.g. the Cognito user pool. */
    @Configuration(proxyBeanMethods = false)
    @Profile("!local")
    static class OidcLogin {

        /** Static: a post-processor is made before the configuration it is declared in. */
        @Bean
        static OidcLoginRequired oidcLoginRequired(Environment environment) {
            return new OidcLoginRequired(environment);
        }

        @Bean
        SecurityFilterChain oidcLoginFilterChain(HttpSecurity http, Environment environment) throws Exception {
            permitProbes(http, environment);
            http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.oauth2LoginPage(OIDC_LOGIN_PAGE));
            return http.build();
        }
    }
}
