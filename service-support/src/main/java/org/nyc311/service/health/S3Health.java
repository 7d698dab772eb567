package org.nyc311.service.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/** S3: the lake bucket answers a HEAD. Not required: what needs it retries, and the service serves what it stored. */
public class S3Health extends DependencyHealth {

    private final S3Client s3;
    private final String bucket;

    public S3Health(S3Client s3, String endpoint, String bucket, Duration timeout, Clock clock) {
        super("s3", endpoint, false, timeout, clock);
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    protected Map<String, Object> probe() {
        s3.headBucket(request -> request.bucket(bucket));
        return Map.of("bucket", bucket);
    }
}
