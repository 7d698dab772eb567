package org.nyc311.service.health;

/**
 * The lake's object-store bucket a service reads or writes ({@code nyc311.lake.bucket}): with an
 * {@code S3Client} bean, {@link DependencyHealthAutoConfiguration} looks at it for the {@code s3} health.
 * Each service's {@code LakeProperties} implements it.
 */
public interface LakeBucket {

    String bucket();
}
