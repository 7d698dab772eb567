package org.nyc311.dashboard.services;

import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.nyc311.dashboard.config.ServicesProperties;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * One platform service, called server-side through an HTTP interface client of its contract ({@code A}, an
 * {@code @HttpExchange} interface) with the dashboard's own timeouts. Every failure (refused, timed out, 5xx,
 * unreadable JSON, not configured) becomes a {@link ServiceUnavailableException} naming the service.
 *
 * @param <A> the service's API, as service-api declares it
 */
public final class ServiceClient<A> {

    private final String service;
    private final @Nullable A api;

    public ServiceClient(
            String service,
            Class<A> contract,
            ServicesProperties.Endpoint endpoint,
            ServicesProperties settings,
            RestClient.Builder builder) {
        this.service = service;
        if (endpoint == null || endpoint.url() == null) {
            this.api = null;
            return;
        }
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(settings.connectTimeout());
        requests.setReadTimeout(settings.readTimeout());
        // the builder Boot gives carries the dashboard's token (ServiceCallConfiguration)
        RestClient.Builder client =
                builder.clone().baseUrl(endpoint.url().toString()).requestFactory(requests);
        this.api = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client.build()))
                .build()
                .createClient(contract);
    }

    public String service() {
        return service;
    }

    /** Calls the service; a 404 is an empty answer (the thing asked for does not exist), not an outage. */
    public <T> Optional<T> find(Function<A, T> call) {
        try {
            return Optional.ofNullable(get(call));
        } catch (ServiceUnavailableException e) {
            if (e.getCause() instanceof HttpClientErrorException.NotFound) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public <T> T get(Function<A, T> call) {
        if (api == null) {
            throw new ServiceUnavailableException(
                    service, "its address is not configured (nyc311.services." + service + ".url)", null);
        }
        try {
            return call.apply(api);
        } catch (ResourceAccessException e) {
            throw new ServiceUnavailableException(service, "no answer (" + rootMessage(e) + ")", e);
        } catch (HttpStatusCodeException e) {
            throw new ServiceUnavailableException(
                    service, "it answered " + e.getStatusCode().value(), e);
        } catch (RestClientException e) {
            throw new ServiceUnavailableException(service, "its answer could not be read", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
