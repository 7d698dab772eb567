package org.nyc311.api.access;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.RestClientException;

/**
 * A service's own bearer token on every call it makes to another: Spring Security's client-credentials support asks
 * the token issuer once, keeps the token, asks again a minute before it expires, and drops it when a call is
 * answered 401. A token endpoint that refuses or does not answer fails the call with an {@link IOException}, so a
 * caller's handling of an unreachable service covers an unreachable issuer too.
 */
public final class ServiceCallTokens {

    private static final String REGISTRATION = "nyc311";
    /** Ask for a new token this long before the old one expires, so no call goes out with a token about to lapse. */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

    private ServiceCallTokens() {}

    /** An interceptor adding {@code Authorization: Bearer} with a token for {@code settings}' client. */
    public static ClientHttpRequestInterceptor interceptor(ServiceCallSettings settings) {
        if (!settings.complete()) {
            throw new IllegalArgumentException("incomplete app client settings: " + settings);
        }
        ClientRegistration.Builder registration = ClientRegistration.withRegistrationId(REGISTRATION)
                // complete(): all three are set
                .tokenUri(Objects.requireNonNull(settings.tokenUri()).toString())
                .clientId(Objects.requireNonNull(settings.clientId()))
                .clientSecret(Objects.requireNonNull(settings.clientSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        Set<String> scopes = Arrays.stream(settings.scope().split("\\s+"))
                .filter(s -> !s.isBlank())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!scopes.isEmpty()) {
            registration.scope(scopes);
        }
        var registrations = new InMemoryClientRegistrationRepository(registration.build());
        var authorizedClients = new InMemoryOAuth2AuthorizedClientService(registrations);
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(credentials -> credentials.clockSkew(RENEW_BEFORE))
                .build());
        var tokens = new OAuth2ClientHttpRequestInterceptor(manager);
        tokens.setClientRegistrationIdResolver(request -> REGISTRATION);
        // a 401 from the callee drops the kept token, so the next call asks for a new one
        tokens.setAuthorizationFailureHandler(
                OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
        return (request, body, execution) -> {
            try {
                return tokens.intercept(request, body, execution);
            } catch (OAuth2AuthorizationException | RestClientException refused) {
                // only the token request throws these here: the call itself fails with an IOException or not at all.
                // No cause: callers report the root cause's message, and this one says what happened and where
                throw new IOException("no token from " + settings.tokenUri() + " for client " + settings.clientId()
                        + ": " + refused.getMessage());
            }
        };
    }
}
