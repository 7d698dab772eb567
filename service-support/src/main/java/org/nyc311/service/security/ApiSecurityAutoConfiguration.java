package org.nyc311.service.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Every backend's API behind OAuth2 bearer tokens (JWTs), the same code on a laptop and in production: the issuer is
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} ({@code NYC311_TOKEN_ISSUER_URI}), {@code ./nyc311 up}'s
 * token issuer locally and the Cognito user pool on AWS.
 *
 * <ul>
 *   <li>{@code /api/**}: the scope {@link org.nyc311.model.access.ApiScope#requiredFor} names, via
 *       {@link ScopeAuthorization};</li>
 *   <li>open: health ({@code /actuator/**}, which production moves to a management port the load balancer does not
 *       route; {@code /livez}, {@code /readyz}), the OpenAPI document and Swagger UI, and the error page;</li>
 *   <li>every other path: refused.</li>
 * </ul>
 *
 * No session and no CSRF token: every call carries its bearer token, and no browser holds a cookie for these APIs.
 * A service with no issuer configured refuses to start rather than serve its API to anyone.
 */
@AutoConfiguration(before = {OAuth2ResourceServerAutoConfiguration.class, SecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, JwtAuthenticationToken.class})
@EnableWebSecurity
public class ApiSecurityAutoConfiguration {

    static final String ISSUER_MISSING = "no token issuer is configured, and this service will not serve its API "
            + "without checking tokens: set NYC311_TOKEN_ISSUER_URI (spring.security.oauth2.resourceserver.jwt.issuer-uri) "
            + "to the issuer's URI, the Cognito user pool's in production or `./nyc311 up`'s token issuer locally";

    @Bean
    SecurityProblems securityProblems(ObjectMapper json) {
        return new SecurityProblems(json);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<JwtDecoder> decoders, SecurityProblems problems)
            throws Exception {
        JwtDecoder decoder = decoders.getIfAvailable();
        if (decoder == null) {
            throw new IllegalStateException(ISSUER_MISSING);
        }
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/**", "/livez", "/readyz", "/error")
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.GET,
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/v3/api-docs.yaml",
                                "/swagger-ui",
                                "/swagger-ui/**",
                                "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .access(new ScopeAuthorization())
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable());
        return http.build();
    }

    /**
     * The firewall's refusals answer as problem details too, and it leaves methods to Spring MVC: a TRACE or an
     * unknown method then gets the API's 405, not a bare 400 the OpenAPI document cannot declare.
     */
    @Bean
    WebSecurityCustomizer firewallAnswersWithProblems(SecurityProblems problems) {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setUnsafeAllowAnyHttpMethod(true);
        return web -> web.httpFirewall(firewall).requestRejectedHandler(problems);
    }
}
