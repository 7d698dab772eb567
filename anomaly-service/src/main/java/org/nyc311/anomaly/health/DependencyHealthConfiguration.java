package org.nyc311.anomaly.health;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.anomaly.config.ForecastServiceProperties;
import org.nyc311.anomaly.config.GoldProperties;
import org.nyc311.service.gold.GoldHealth;
import org.nyc311.service.health.HttpHealth;
import org.nyc311.service.health.SqsHealth;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * {@code /actuator/health}: besides Boot's {@code db} (PostgreSQL, the only one readiness includes, since
 * anomalies and alerts are served from it), {@code gold} (actuals), {@code forecastService} (the
 * forecasts it checks against) and {@code sqs}. Those are DEGRADED, not DOWN, when away: a check waits
 * for them (its message comes back later, within the listeners' retry budget), alerts wait in the
 * outbox, and what is stored is served.
 */
@Configuration(proxyBeanMethods = false)
class DependencyHealthConfiguration {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Bean
    GoldHealth goldHealthIndicator(GoldProperties gold, Clock clock) {
        return new GoldHealth(gold, TIMEOUT, clock);
    }

    @Bean
    HttpHealth forecastServiceHealthIndicator(ForecastServiceProperties forecastService, Clock clock) {
        return new HttpHealth("forecast-service", forecastService.url().resolve("/actuator/health/readiness"), TIMEOUT, clock);
    }

    @Bean
    SqsHealth sqsHealthIndicator(SqsAsyncClient sqs, AnomalyProperties properties, Clock clock,
            @Value("${spring.cloud.aws.sqs.endpoint:AWS SQS}") String endpoint) {
        return new SqsHealth(sqs, endpoint, List.of(properties.queues().forecastsPublished(), properties.queues().anomalyAlert()),
                TIMEOUT, clock);
    }
}
