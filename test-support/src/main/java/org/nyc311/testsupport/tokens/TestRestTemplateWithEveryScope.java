package org.nyc311.testsupport.tokens;

import java.net.URI;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * For a {@code @SpringBootTest} with {@link TokenIssuerExtension}: {@code @Import} this and the test's
 * {@code TestRestTemplate} calls the service with a token holding every scope, asked for by the test's app client
 * over the issuer's token endpoint. A request with an Authorization header of its own keeps it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestRestTemplateWithEveryScope {

    @Bean
    RestTemplateCustomizer bearerTokenWithEveryScope(Environment environment) {
        String token = ClientCredentials.token(
                URI.create(environment.getRequiredProperty("NYC311_SERVICE_TOKEN_URI")),
                environment.getRequiredProperty("NYC311_SERVICE_CLIENT_ID"),
                environment.getRequiredProperty("NYC311_SERVICE_CLIENT_SECRET"),
                null);
        return restTemplate -> restTemplate.getInterceptors().add(BearerToken.of(token));
    }
}
