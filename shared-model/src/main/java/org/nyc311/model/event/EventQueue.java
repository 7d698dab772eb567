package org.nyc311.model.event;

/**
 * The SQS queue each event travels on, with its dead-letter queue. One queue per event type, one
 * consumer per queue. Names are the local defaults; production prefixes them per environment.
 */
public enum EventQueue {
    RAW_BATCH_LANDED(RawBatchLanded.class, "nyc311-raw-batch-landed"),
    GOLD_REFRESHED(GoldRefreshed.class, "nyc311-gold-refreshed"),
    FORECASTS_PUBLISHED(ForecastsPublished.class, "nyc311-forecasts-published"),
    ANOMALY_ALERT(AnomalyAlert.class, "nyc311-anomaly-alert");

    /** Deliveries before SQS moves a message to the dead-letter queue. */
    public static final int MAX_RECEIVE_COUNT = 5;

    private final Class<? extends PipelineEvent> eventType;
    private final String queueName;

    EventQueue(Class<? extends PipelineEvent> eventType, String queueName) {
        this.eventType = eventType;
        this.queueName = queueName;
    }

    public Class<? extends PipelineEvent> eventType() {
        return eventType;
    }

    public String queueName() {
        return queueName;
    }

    public String deadLetterQueueName() {
        return queueName + "-dlq";
    }

    public static EventQueue of(Class<? extends PipelineEvent> eventType) {
        for (EventQueue queue : values()) {
            if (queue.eventType.equals(eventType)) {
                return queue;
            }
        }
        throw new IllegalArgumentException("no queue carries " + eventType.getName());
    }
}
