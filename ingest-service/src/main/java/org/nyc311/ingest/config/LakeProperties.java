package org.nyc311.ingest.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The object store the raw batches land in: {@code nyc311.lake.bucket}, one bucket per environment. */
@ConfigurationProperties("nyc311.lake")
public record LakeProperties(@DefaultValue("nyc311-lake") String bucket) {
}
