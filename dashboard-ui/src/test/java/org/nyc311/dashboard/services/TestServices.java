package org.nyc311.dashboard.services;

import java.net.URI;
import java.time.Duration;
import org.nyc311.dashboard.config.ServicesProperties;

/** The dashboard's service settings for a test: every service at one address, with timeouts no busy machine trips. */
public final class TestServices {

    private TestServices() {}

    public static ServicesProperties at(URI url) {
        ServicesProperties.Endpoint endpoint = new ServicesProperties.Endpoint(url);
        return new ServicesProperties(
                endpoint,
                endpoint,
                endpoint,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                8,
                null);
    }
}
