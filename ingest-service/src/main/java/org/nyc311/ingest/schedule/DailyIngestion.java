package org.nyc311.ingest.schedule;

import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.run.IngestionRequest;
import org.nyc311.ingest.run.IngestionRun;
import org.nyc311.ingest.run.IngestionService;
import org.nyc311.ingest.run.RunConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

/**
 * The daily incremental run, by default at 03:00 New York time ({@code nyc311.ingest.schedule.cron}
 * and {@code .zone}); off with {@code nyc311.ingest.schedule.enabled=false} and in one-shot mode.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class DailyIngestion implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(DailyIngestion.class);

    private final IngestionService ingestions;
    private final boolean oneShot;
    private final IngestProperties.Schedule schedule;

    public DailyIngestion(IngestionService ingestions, IngestProperties properties) {
        this.ingestions = ingestions;
        this.oneShot = properties.oneShot().enabled();
        this.schedule = properties.schedule();
    }

    /** The cron, zone and switch come from {@link IngestProperties.Schedule}, where their defaults are. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (schedule.enabled()) {
            tasks.addCronTask(new CronTask(this::runIncremental, new CronTrigger(schedule.cron(), schedule.zone())));
        }
    }

    public void runIncremental() {
        if (oneShot) {
            // the CLI's process lives for its one run; a 03:00 run inside it would be a surprise
            return;
        }
        try {
            IngestionRun run = ingestions.start(IngestionRequest.incremental());
            LOG.info("daily incremental run {} started for {}", run.runId(), run.window());
        } catch (RunConflictException e) {
            LOG.warn("daily incremental run not started: {}", e.getMessage());
        }
    }
}
