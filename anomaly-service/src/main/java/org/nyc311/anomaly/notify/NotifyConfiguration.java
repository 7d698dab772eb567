package org.nyc311.anomaly.notify;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.nyc311.model.event.EventJson;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.web.client.RestClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * The notifier with the channels {@code nyc311.anomaly.notify} turns on (a webhook, an SNS topic, both or none), and
 * its rounds every {@code poll-interval} on Spring's scheduler (none when no channel is on).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifyProperties.class)
class NotifyConfiguration implements SchedulingConfigurer {

    private final ObjectProvider<AlertNotifier> notifier;
    private final NotifyProperties settings;

    NotifyConfiguration(ObjectProvider<AlertNotifier> notifier, NotifyProperties settings) {
        this.notifier = notifier;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar rounds) {
        AlertNotifier alerts = notifier.getObject();
        if (!alerts.channels().isEmpty()) {
            rounds.addFixedDelayTask(alerts::deliverQuietly, settings.pollInterval());
        }
    }

    @Bean
    AlertNotifier alertNotifier(
            NotifyProperties settings,
            AlertDeliveries deliveries,
            EventJson eventJson,
            MeterRegistry registry,
            Clock clock,
            RestClient.Builder http) {
        List<AlertChannel> channels = new ArrayList<>();
        if (settings.webhookUrl() != null) {
            channels.add(new WebhookChannel(http, settings.webhookUrl(), settings));
        }
        if (settings.snsTopicArn() != null) {
            // the SDK's default credentials: the task role in ECS, whose only SNS right is publishing to this topic
            SnsClientBuilder sns = SnsClient.builder();
            if (settings.snsRegion() != null) {
                sns.region(Region.of(settings.snsRegion()));
            }
            if (settings.snsEndpoint() != null) {
                sns.endpointOverride(settings.snsEndpoint());
            }
            channels.add(new SnsChannel(sns.build(), settings.snsTopicArn()));
        }
        return new AlertNotifier(channels, deliveries, eventJson, settings, registry, clock);
    }
}
