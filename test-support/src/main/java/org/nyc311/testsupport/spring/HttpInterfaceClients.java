package org.nyc311.testsupport.spring;

import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * A client of a service's HTTP interface (its {@code @HttpExchange} contract in service-api), built as the callers
 * build theirs, for the contract tests that call a {@link ServletWebSlice} on its port.
 */
public final class HttpInterfaceClients {

    private HttpInterfaceClients() {}

    /** The contract's client of the server on this loopback port, through a client of this builder. */
    public static <T> T onLocalPort(RestClient.Builder builder, int port, Class<T> contract) {
        return of(builder.baseUrl("http://127.0.0.1:" + port).build(), contract);
    }

    /** The contract's client through this RestClient (its base URL, converters and interceptors). */
    public static <T> T of(RestClient http, Class<T> contract) {
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(http))
                .build()
                .createClient(contract);
    }
}
