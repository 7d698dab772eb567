package org.nyc311.anomaly.notify;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where alert notifications go, under {@code nyc311.anomaly.notify}. Each channel is off while its address is unset.
 *
 * @param webhookUrl     a Slack-compatible incoming webhook: a JSON POST {@code {"text": ...}}; off when unset
 * @param snsTopicArn    the SNS topic (its email subscription in deploy/ecs); off when unset (locally: no SNS here)
 * @param snsEndpoint    another SNS endpoint than AWS's, e.g. an emulator; AWS's when unset
 * @param snsRegion      the topic's region; the SDK's default chain ({@code AWS_REGION} in ECS) when unset
 * @param dashboardUrl   the dashboard's base URL, for the link to the alert's series (http://127.0.0.1:8080)
 * @param pollInterval   how often the notifier looks for transitions to deliver (10 s)
 * @param attempts       attempts within one round before a delivery waits for a later round (3)
 * @param attemptWait    the wait after a round's first failed attempt, doubling for each next one (1 s)
 * @param firstRetry     the wait before the next round tries a failed delivery again, doubling per failed round (30 s)
 * @param maxRetry       the longest such wait (30 min)
 * @param maxAge         a transition older than this is no longer delivered (given up, logged and counted): a
 *                       notification a day late is noise, and a channel turned on does not replay old history (24 h)
 * @param connectTimeout the webhook's connect timeout (2 s)
 * @param readTimeout    the webhook's read timeout (5 s)
 */
@ConfigurationProperties("nyc311.anomaly.notify")
public record NotifyProperties(
        @Nullable URI webhookUrl,
        @Nullable String snsTopicArn,
        @Nullable URI snsEndpoint,
        @Nullable String snsRegion,
        URI dashboardUrl,
        Duration pollInterval,
        Integer attempts,
        Duration attemptWait,
        Duration firstRetry,
        Duration maxRetry,
        Duration maxAge,
        Duration connectTimeout,
        Duration readTimeout) {

    public NotifyProperties(
            @Nullable URI webhookUrl,
            @Nullable String snsTopicArn,
            @Nullable URI snsEndpoint,
            @Nullable String snsRegion,
            @Nullable URI dashboardUrl,
            @Nullable Duration pollInterval,
            @Nullable Integer attempts,
            @Nullable Duration attemptWait,
            @Nullable Duration firstRetry,
            @Nullable Duration maxRetry,
            @Nullable Duration maxAge,
            @Nullable Duration connectTimeout,
            @Nullable Duration readTimeout) {
        this.snsTopicArn = snsTopicArn == null || snsTopicArn.isBlank() ? null : snsTopicArn.strip();
        this.snsRegion = snsRegion == null || snsRegion.isBlank() ? null : snsRegion.strip();
        this.dashboardUrl = dashboardUrl == null ? URI.create("http://127.0.0.1:8080") : dashboardUrl;
        this.pollInterval = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
        this.attempts = attempts == null || attempts < 1 ? 3 : attempts;
        this.attemptWait = attemptWait == null ? Duration.ofSeconds(1) : attemptWait;
        this.firstRetry = firstRetry == null ? Duration.ofSeconds(30) : firstRetry;
        this.maxRetry = maxRetry == null ? Duration.ofMinutes(30) : maxRetry;
        this.maxAge = maxAge == null ? Duration.ofHours(24) : maxAge;
        this.connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        this.readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        this.webhookUrl = webhookUrl;
        this.snsEndpoint = snsEndpoint;
    }

    /** Every setting at its default: no channel on. */
    public static NotifyProperties defaults() {
        return new NotifyProperties(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
