package org.nyc311.ingest.config;

import org.jspecify.annotations.Nullable;
import org.nyc311.service.health.LakeBucket;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The object store the raw batches land in: {@code nyc311.lake.bucket}, one bucket per environment. */
@ConfigurationProperties("nyc311.lake")
public record LakeProperties(String bucket) implements LakeBucket {

    public LakeProperties(@Nullable String bucket) {
        this.bucket = bucket == null ? "nyc311-lake" : bucket;
    }
}
