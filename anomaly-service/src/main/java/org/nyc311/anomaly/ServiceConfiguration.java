package org.nyc311.anomaly;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.nyc311.anomaly.check.AnomalyCheck;
import org.nyc311.anomaly.check.AnomalyMetrics;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.anomaly.config.ForecastServiceProperties;
import org.nyc311.anomaly.forecasts.ForecastServiceClient;
import org.nyc311.anomaly.gold.GoldActuals;
import org.nyc311.anomaly.store.AnomalyRepository;
import org.nyc311.api.access.ServiceCallSettings;
import org.nyc311.api.access.ServiceCallTokens;
import org.nyc311.model.event.EventJson;
import org.nyc311.service.gold.GoldProperties;
import org.nyc311.service.outbox.EventPublisher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/** Wires the service: the forecast-service client, the gold reader (its own pool) and the check. */
@Configuration(proxyBeanMethods = false)
@org.springframework.scheduling.annotation.EnableScheduling
@EnableConfigurationProperties({AnomalyProperties.class, GoldProperties.class, ForecastServiceProperties.class})
public class ServiceConfiguration {

    @Bean
    ForecastServiceClient forecastServiceClient(RestClient.Builder builder, ForecastServiceProperties properties) {
        // forecast-service checks tokens: without an app client this service could not read a forecast, so it
        // refuses to start rather than fail every check
        ServiceCallSettings client = properties.client().requireComplete("anomaly-service", "forecast-service");
        return new ForecastServiceClient(builder.requestInterceptor(ServiceCallTokens.interceptor(client)), properties);
    }

    @Bean(destroyMethod = "close")
    GoldActuals goldActuals(GoldProperties properties, MeterRegistry registry) {
        return new GoldActuals(properties, registry);
    }

    @Bean
    AnomalyCheck anomalyCheck(
            ForecastServiceClient forecasts,
            GoldActuals gold,
            AnomalyRepository repository,
            EventPublisher publisher,
            AnomalyProperties properties,
            AnomalyMetrics metrics,
            PlatformTransactionManager transactions,
            EventJson eventJson,
            Clock clock) {
        return new AnomalyCheck(
                forecasts,
                gold,
                repository,
                publisher,
                properties,
                metrics,
                new TransactionTemplate(transactions),
                eventJson,
                clock);
    }
}
