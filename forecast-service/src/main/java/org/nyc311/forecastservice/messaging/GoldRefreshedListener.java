package org.nyc311.forecastservice.messaging;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.Visibility;
import java.util.Optional;
import java.util.UUID;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.config.MlflowProperties;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.training.TrainingQueue;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.service.messaging.DeadLetteringListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes GoldRefreshed off its queue and records a forecast run for it, once per event id: SQS
 * delivers at least once, and a second delivery finds the first run and is simply acknowledged. The
 * training itself runs on the {@link TrainingQueue}. A message that cannot be recorded is not
 * acknowledged, so SQS delivers it again and in the end moves it to the dead-letter queue
 * (service-support's {@link DeadLetteringListener}, which also sends an unreadable one there at once).
 */
@Component
class GoldRefreshedListener extends DeadLetteringListener<GoldRefreshed> {

    private static final Logger LOG = LoggerFactory.getLogger(GoldRefreshedListener.class);

    private final ForecastRunRepository runs;
    private final TrainingQueue worker;
    private final ForecastProperties properties;
    private final boolean tracked;

    GoldRefreshedListener(
            EventJson eventJson,
            ForecastRunRepository runs,
            TrainingQueue worker,
            ForecastProperties properties,
            MlflowProperties mlflow) {
        super(eventJson, GoldRefreshed.class);
        this.runs = runs;
        this.worker = worker;
        this.properties = properties;
        this.tracked = mlflow.enabled();
    }

    @SqsListener(queueNames = "#{@forecastQueues.goldRefreshed()}")
    void onMessage(String body, Visibility visibility) {
        receive(body, visibility);
    }

    @Override
    protected void handle(GoldRefreshed event, Visibility visibility) {
        Optional<UUID> runId = runs.queueForEvent(event, properties.horizonDays(), tracked);
        if (runId.isPresent()) {
            LOG.info(
                    "GoldRefreshed {} (pipeline run {}): forecast run {} queued",
                    event.eventId(),
                    event.pipelineRunId(),
                    runId.get());
            worker.submit(runId.get());
        } else {
            LOG.info("GoldRefreshed {} seen before: it already has its forecast run", event.eventId());
        }
    }
}
