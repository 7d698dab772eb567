package org.nyc311.anomaly;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.nyc311.anomaly.check.AnomalyCheck;
import org.nyc311.anomaly.check.AnomalyMetrics;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.anomaly.config.ForecastServiceProperties;
import org.nyc311.anomaly.forecasts.ForecastServiceClient;
import org.nyc311.anomaly.gold.ExtractedActuals;
import org.nyc311.anomaly.gold.GoldActuals;
import org.nyc311.anomaly.gold.WarehouseActuals;
import org.nyc311.anomaly.store.AnomalyRepository;
import org.nyc311.api.access.ServiceCallSettings;
import org.nyc311.api.access.ServiceCallTokens;
import org.nyc311.model.event.EventJson;
import org.nyc311.service.gold.GoldProperties;
import org.nyc311.service.gold.extract.GoldExtractProperties;
import org.nyc311.service.gold.extract.GoldExtractStore;
import org.nyc311.service.outbox.EventPublisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Wires the service: the forecast-service client, the gold reader (its own pool) and the check. */
@Configuration(proxyBeanMethods = false)
@org.springframework.scheduling.annotation.EnableScheduling
@EnableConfigurationProperties({
    AnomalyProperties.class,
    GoldProperties.class,
    GoldExtractProperties.class,
    ForecastServiceProperties.class
})
public class ServiceConfiguration {

    @Bean
    ForecastServiceClient forecastServiceClient(RestClient.Builder builder, ForecastServiceProperties properties) {
        // forecast-service checks tokens: without an app client this service could not read a forecast, so it
        // refuses to start rather than fail every check
        ServiceCallSettings client = properties.client().requireComplete("anomaly-service", "forecast-service");
        return new ForecastServiceClient(builder.requestInterceptor(ServiceCallTokens.interceptor(client)), properties);
    }

    /** Gold from its extract on S3 when {@code nyc311.gold.extract.enabled}, else from the warehouse over JDBC. */
    @Bean(destroyMethod = "close")
    GoldActuals goldActuals(
            GoldProperties properties,
            GoldExtractProperties extract,
            ObjectProvider<S3Client> s3,
            MeterRegistry registry) {
        if (extract.enabled()) {
            return new ExtractedActuals(new GoldExtractStore(s3.getObject(), extract));
        }
        return new WarehouseActuals(properties, registry);
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
