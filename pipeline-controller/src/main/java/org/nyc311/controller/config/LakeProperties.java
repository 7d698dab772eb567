package org.nyc311.controller.config;

import jakarta.validation.constraints.NotBlank;
import org.nyc311.service.health.LakeBucket;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The object store bucket that holds raw/, the Delta tables and each run's result. */
@Validated
@ConfigurationProperties("nyc311.lake")
public record LakeProperties(
        @NotBlank(message = "set nyc311.lake.bucket") String bucket) implements LakeBucket {}
