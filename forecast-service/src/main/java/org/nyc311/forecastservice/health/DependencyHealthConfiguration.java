package org.nyc311.forecastservice.health;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.config.GoldProperties;
import org.nyc311.forecastservice.config.MlflowProperties;
import org.nyc311.service.gold.GoldHealth;
import org.nyc311.service.health.HttpHealth;
import org.nyc311.service.health.SqsHealth;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * {@code /actuator/health}: besides Boot's {@code db} (PostgreSQL, the only one readiness includes, since
 * the forecasts are served from it), {@code gold} (the SQL warehouse), {@code mlflow} (the tracking
 * server, when one is set) and {@code sqs}. Those three are DEGRADED, not DOWN, when away: a run waits
 * for gold, tracking catches up, ForecastsPublished waits to be sent, and stored forecasts are served.
 */
@Configuration(proxyBeanMethods = false)
class DependencyHealthConfiguration {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Bean
    GoldHealth goldHealthIndicator(GoldProperties gold, Clock clock) {
        return new GoldHealth(gold, TIMEOUT, clock);
    }

    /** Only for an http(s) tracking server, which has a {@code /health}; Databricks-hosted MLflow has none to ask. */
    @Bean
    @ConditionalOnExpression("'${nyc311.mlflow.tracking-uri:}'.startsWith('http')")
    HttpHealth mlflowHealthIndicator(MlflowProperties mlflow, Clock clock) {
        return new HttpHealth("mlflow", URI.create(mlflow.trackingUri() + "/health"), TIMEOUT, clock);
    }

    @Bean
    SqsHealth sqsHealthIndicator(SqsAsyncClient sqs, ForecastProperties properties, Clock clock,
            @Value("${spring.cloud.aws.sqs.endpoint:AWS SQS}") String endpoint) {
        return new SqsHealth(sqs, endpoint, List.of(properties.queues().goldRefreshed(), properties.queues().forecastsPublished()),
                TIMEOUT, clock);
    }
}
