package org.nyc311.service.gold.extract;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.nyc311.service.health.DependencyHealth;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Gold read from its extract: the manifest answers a HEAD. Not required, as the warehouse's health: a service serves
 * what it stored while gold is away, and work that needs gold waits for it.
 */
public class GoldExtractHealth extends DependencyHealth {

    private final S3Client s3;
    private final GoldExtractProperties properties;

    public GoldExtractHealth(S3Client s3, GoldExtractProperties properties, Duration timeout, Clock clock) {
        super("gold", properties.manifestLocation(), false, timeout, clock);
        this.s3 = s3;
        this.properties = properties;
    }

    @Override
    protected Map<String, Object> probe() {
        var head = s3.headObject(request -> request.bucket(properties.bucket()).key(properties.manifestKey()));
        return Map.of("extractWrittenAt", String.valueOf(head.lastModified()));
    }
}
