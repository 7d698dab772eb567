package org.nyc311.forecastservice;

import java.time.Clock;
import java.util.Optional;
import org.flywaydb.core.api.migration.JavaMigration;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.config.MlflowProperties;
import org.nyc311.forecastservice.fit.SeriesFitter;
import org.nyc311.forecastservice.gold.ExtractedGold;
import org.nyc311.forecastservice.gold.GoldReader;
import org.nyc311.forecastservice.gold.GoldWarehouse;
import org.nyc311.forecastservice.metrics.ForecastMetrics;
import org.nyc311.forecastservice.reconcile.LevelReconciliation;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.tracking.MlflowTracker;
import org.nyc311.forecastservice.training.RunLeases;
import org.nyc311.forecastservice.training.TrainingQueue;
import org.nyc311.forecastservice.training.TrainingService;
import org.nyc311.service.gold.GoldProperties;
import org.nyc311.service.gold.extract.GoldExtractProperties;
import org.nyc311.service.gold.extract.GoldExtractStore;
import org.nyc311.service.outbox.EventOutboxMigration;
import org.nyc311.service.outbox.EventPublisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import software.amazon.awssdk.services.s3.S3Client;

/** Wires the service: the gold reader, the tracker (when a tracking URI is set), the training and its worker. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({
    GoldProperties.class,
    GoldExtractProperties.class,
    ForecastProperties.class,
    MlflowProperties.class
})
public class ServiceConfiguration {

    /** Gold from its extract on S3 when {@code nyc311.gold.extract.enabled}, else from the warehouse over JDBC. */
    @Bean(destroyMethod = "close")
    GoldReader goldReader(
            GoldProperties properties,
            GoldExtractProperties extract,
            ObjectProvider<S3Client> s3,
            io.micrometer.core.instrument.MeterRegistry registry) {
        if (extract.enabled()) {
            return new ExtractedGold(new GoldExtractStore(s3.getObject(), extract), properties.historyDays());
        }
        return new GoldWarehouse(properties, registry);
    }

    @Bean(destroyMethod = "close")
    MlflowTrackerHolder mlflowTracker(MlflowProperties properties, Clock clock) {
        return new MlflowTrackerHolder(
                properties.enabled() ? Optional.of(new MlflowTracker(properties, clock)) : Optional.empty());
    }

    /** This instance's leases on forecast runs; given up when the context closes, after the worker has stopped. */
    @Bean(destroyMethod = "close")
    RunLeases runLeases(ForecastRunRepository runs, ForecastProperties properties) {
        return new RunLeases(runs, properties.lease());
    }

    @Bean
    TrainingService trainingService(
            GoldReader gold,
            SeriesFitter fitter,
            LevelReconciliation reconciliation,
            ForecastRunRepository runs,
            MlflowTrackerHolder tracker,
            EventPublisher publisher,
            ForecastMetrics metrics,
            ForecastProperties properties,
            Clock clock,
            MlflowProperties mlflow,
            RunLeases leases) {
        return new TrainingService(
                gold,
                fitter,
                reconciliation,
                runs,
                tracker.tracker(),
                publisher,
                metrics,
                properties,
                clock,
                mlflow.maxAttempts(),
                leases);
    }

    @Bean
    TrainingQueue trainingQueue(TrainingService training, ForecastRunRepository runs) {
        return new TrainingQueue(training, runs);
    }

    /** Flyway's V3: the table of service-support's outbox, through which ForecastsPublished goes. */
    @Bean
    JavaMigration eventOutboxMigration() {
        return EventOutboxMigration.atVersion("3");
    }

    /** The worker's sweep every {@code nyc311.mlflow.retry-interval}, read from its settings record like every other setting. */
    @Bean
    SchedulingConfigurer runSweep(TrainingQueue worker, MlflowProperties mlflow) {
        return tasks -> tasks.addFixedDelayTask(
                new FixedDelayTask(worker::sweep, mlflow.retryInterval(), mlflow.retryInterval()));
    }

    /** The tracker is optional (no tracking URI: no tracking); a holder keeps Optional out of bean lookups. */
    public record MlflowTrackerHolder(Optional<MlflowTracker> tracker) implements AutoCloseable {
        @Override
        public void close() {
            tracker.ifPresent(MlflowTracker::close);
        }
    }
}
