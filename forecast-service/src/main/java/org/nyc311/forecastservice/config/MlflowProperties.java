package org.nyc311.forecastservice.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Experiment tracking, under {@code nyc311.mlflow}. Without a tracking URI, tracking is off: runs are
 * stored and published with their tracking marked DISABLED.
 *
 * @param trackingUri an http(s) MLflow tracking server (the Java client refuses {@code file:} URIs)
 * @param uiUri where people open runs, when it differs from the tracking URI
 * @param experimentName the one experiment every training logs to (nyc311-forecasts)
 * @param registeredModelName the registered model that gets a version per training (nyc311-daily-forecaster)
 * @param championAlias the alias moved to a new version when its pooled CV error is no worse (champion)
 * @param retryInterval how often the worker sweeps: pending tracking, queued and gold-less runs, expired leases (1 min)
 * @param maxAttempts attempts per run before its tracking is given up as FAILED (60)
 */
@ConfigurationProperties("nyc311.mlflow")
public record MlflowProperties(
        @Nullable String trackingUri,
        @Nullable String uiUri,
        String experimentName,
        String registeredModelName,
        String championAlias,
        Duration retryInterval,
        int maxAttempts) {

    public MlflowProperties(
            @Nullable String trackingUri,
            @Nullable String uiUri,
            @Nullable String experimentName,
            @Nullable String registeredModelName,
            @Nullable String championAlias,
            @Nullable Duration retryInterval,
            int maxAttempts) {
        this.trackingUri = trackingUri == null || trackingUri.isBlank() ? null : trackingUri.replaceAll("/+$", "");
        // computed from the tracking URI: most servers show their runs where they are tracked
        this.uiUri = uiUri == null || uiUri.isBlank() ? this.trackingUri : uiUri.replaceAll("/+$", "");
        this.experimentName = experimentName == null ? "nyc311-forecasts" : experimentName;
        this.registeredModelName = registeredModelName == null ? "nyc311-daily-forecaster" : registeredModelName;
        this.championAlias = championAlias == null ? "champion" : championAlias;
        this.retryInterval = retryInterval == null ? Duration.ofMinutes(1) : retryInterval;
        this.maxAttempts = maxAttempts <= 0 ? 60 : maxAttempts;
    }

    public boolean enabled() {
        return trackingUri != null;
    }
}
