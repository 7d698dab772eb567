package org.nyc311.testsupport.tokens;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/** A test client's {@code Authorization: Bearer} header, for a RestTemplate or RestClient that calls a service. */
public final class BearerToken {

    private BearerToken() {}

    /** Adds {@code token} to every request that does not carry an Authorization header of its own. */
    public static ClientHttpRequestInterceptor of(String token) {
        return (request, body, execution) -> {
            if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
                request.getHeaders().setBearerAuth(token);
            }
            return execution.execute(request, body);
        };
    }
}
