package org.nyc311.testsupport.tokens;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.Arrays;
import org.nyc311.model.access.ApiScope;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * For a {@code @WebMvcTest} slice, which runs the service's real security chain: {@code @Import} this and every
 * MockMvc request comes from a caller holding every scope, so the slice tests the controller. A request may still
 * bring its own {@code with(jwt()...)} to test a refusal. There is no issuer in a slice: the decoder refuses every
 * raw token, so a request with an {@code Authorization} header of its own gets the 401 a bad token gets.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CallerWithEveryScope {

    @Bean
    JwtDecoder noIssuerInASlice() {
        return token -> {
            throw new BadJwtException("a @WebMvcTest slice has no token issuer");
        };
    }

    @Bean
    MockMvcBuilderCustomizer everyRequestWithEveryScope() {
        SimpleGrantedAuthority[] everyScope = Arrays.stream(ApiScope.values())
                .map(scope -> new SimpleGrantedAuthority(scope.authority()))
                .toArray(SimpleGrantedAuthority[]::new);
        return builder -> builder.defaultRequest(get("/").with(jwt().authorities(everyScope)));
    }
}
