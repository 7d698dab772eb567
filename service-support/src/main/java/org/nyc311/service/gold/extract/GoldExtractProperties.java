package org.nyc311.service.gold.extract;

import org.jspecify.annotations.Nullable;
import org.nyc311.model.gold.extract.GoldExtractLayout;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether a service reads gold from its extract on S3, under {@code nyc311.gold.extract}: production's way (no SQL
 * warehouse to pay for, docs/COSTS.md) and {@code ./nyc311 up}'s. Off, the service reads gold over JDBC
 * ({@code nyc311.gold.*}), which stays the way to read a warehouse.
 *
 * @param enabled read the extract rather than the warehouse (false)
 * @param bucket the lake bucket, whose root the job writes the extract under ({@code nyc311-lake})
 * @param manifestKey the manifest's key in the bucket ({@link GoldExtractLayout#MANIFEST}); the files it names are
 *     read as keys of the same bucket, so the lake root must be the bucket's root, as the stack and {@code up} have it
 */
@ConfigurationProperties("nyc311.gold.extract")
public record GoldExtractProperties(boolean enabled, String bucket, String manifestKey) {

    public GoldExtractProperties(boolean enabled, @Nullable String bucket, @Nullable String manifestKey) {
        this.enabled = enabled;
        this.bucket = bucket == null || bucket.isBlank() ? "nyc311-lake" : bucket;
        this.manifestKey = manifestKey == null || manifestKey.isBlank() ? GoldExtractLayout.MANIFEST : manifestKey;
    }

    /** Where the manifest is, as people write it. */
    public String manifestLocation() {
        return "s3://" + bucket + "/" + manifestKey;
    }
}
