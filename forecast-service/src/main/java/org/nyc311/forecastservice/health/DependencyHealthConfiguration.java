package org.nyc311.forecastservice.health;

import java.net.URI;
import java.time.Clock;
import org.nyc311.forecastservice.config.MlflowProperties;
import org.nyc311.service.health.DependencyHealthAutoConfiguration;
import org.nyc311.service.health.HttpHealth;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /actuator/health}: besides Boot's {@code db} (PostgreSQL, the only one readiness includes, since
 * the forecasts are served from it) and service-support's {@code gold} and {@code sqs}
 * ({@link DependencyHealthAutoConfiguration}), {@code mlflow}: the tracking server, when one is set. It is
 * DEGRADED, not DOWN, when away: tracking catches up, and stored forecasts are served.
 */
@Configuration(proxyBeanMethods = false)
class DependencyHealthConfiguration {

    /** Only for an http(s) tracking server, which has a {@code /health}; Databricks-hosted MLflow has none to ask. */
    @Bean
    @ConditionalOnExpression("'${nyc311.mlflow.tracking-uri:}'.startsWith('http')")
    HttpHealth mlflowHealthIndicator(MlflowProperties mlflow, Clock clock) {
        return new HttpHealth(
                "mlflow",
                URI.create(mlflow.trackingUri() + "/health"),
                DependencyHealthAutoConfiguration.TIMEOUT,
                clock);
    }
}
