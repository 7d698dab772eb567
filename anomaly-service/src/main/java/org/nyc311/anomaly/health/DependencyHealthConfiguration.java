package org.nyc311.anomaly.health;

import java.time.Clock;
import org.nyc311.anomaly.config.ForecastServiceProperties;
import org.nyc311.service.health.DependencyHealthAutoConfiguration;
import org.nyc311.service.health.HttpHealth;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /actuator/health}: besides Boot's {@code db} (PostgreSQL, the only one readiness includes, since
 * anomalies and alerts are served from it) and service-support's {@code gold} (actuals) and {@code sqs}
 * ({@link DependencyHealthAutoConfiguration}), {@code forecastService}: the forecasts it checks against.
 * DEGRADED, not DOWN, when away: a check waits for it (its message comes back later, within the
 * listeners' retry budget), and what is stored is served.
 */
@Configuration(proxyBeanMethods = false)
class DependencyHealthConfiguration {

    /** forecast-service's readiness on its main port: production moves its actuator to a management port. */
    @Bean
    HttpHealth forecastServiceHealthIndicator(ForecastServiceProperties forecastService, Clock clock) {
        return new HttpHealth(
                "forecast-service",
                forecastService.url().resolve("/readyz"),
                DependencyHealthAutoConfiguration.TIMEOUT,
                clock);
    }
}
