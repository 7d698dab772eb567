package org.nyc311.dashboard.services;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.web.client.RestClient;

/**
 * The service clients and their cache as the app wires them (a Spring context of the config and services packages),
 * for the tests that build views against a loopback stand-in of the services. The test adds its stand-in's address as
 * a {@code ServicesProperties} bean ({@link TestServices#at}).
 *
 * <p>The stand-ins check no token: the dashboard's token interceptor stays out (the RestClient.Builder here is the
 * slice's own anyway); ServiceClientTest shows the token on the wire.
 *
 * <p>A {@code @TestConfiguration}, which the app's component scan leaves out: as a plain configuration in this
 * package, its bare RestClient.Builder would replace the app's in the full-app tests, and their calls would go out
 * without the dashboard's token.
 */
@TestConfiguration(proxyBeanMethods = false)
@ComponentScan(
        value = {"org.nyc311.dashboard.config", "org.nyc311.dashboard.services"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.ServiceCallConfiguration"))
public class ServiceClientsSlice {

    @Bean
    RestClient.Builder restClient() {
        return RestClient.builder();
    }

    /** Forgets every kept answer, so that a test's first load calls the stand-in. */
    public static void emptyCaches(CacheManager caches) {
        caches.getCacheNames().forEach(name -> caches.getCache(name).clear());
    }
}
