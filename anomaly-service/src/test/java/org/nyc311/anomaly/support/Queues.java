package org.nyc311.anomaly.support;

import java.util.ArrayList;
import java.util.List;
import org.nyc311.model.event.AnomalyAlert;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.PipelineEvent;
import org.nyc311.testsupport.sqs.SqsServer;

/** The test's side of the queues: plays forecast-service (sends ForecastsPublished) and a notifier (reads AnomalyAlert). */
public final class Queues {

    private final SqsServer sqs;
    private final EventJson json = new EventJson();

    public Queues(SqsServer sqs) {
        this.sqs = sqs;
    }

    public void purge(EventQueue queue) {
        sqs.purge(queue.queueName());
    }

    public void send(PipelineEvent event) {
        sqs.send(EventQueue.of(event.getClass()).queueName(), json.write(event));
    }

    /** Whether no message of the queue is waiting or being processed (a consumer has acknowledged everything). */
    public boolean drained(EventQueue queue) {
        return sqs.messagesIn(queue.queueName()) == 0;
    }

    /** Takes every AnomalyAlert waiting on its queue off it. */
    public List<AnomalyAlert> takeAlerts() {
        List<AnomalyAlert> alerts = new ArrayList<>();
        for (String body : sqs.takeAll(EventQueue.ANOMALY_ALERT.queueName(), 1)) {
            alerts.add(json.read(body, AnomalyAlert.class));
        }
        return alerts;
    }
}
