package org.nyc311.anomaly.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nyc311.model.event.AnomalyAlert;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.PipelineEvent;
import org.nyc311.testsupport.sqs.SqsServer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The test's side of the queues: plays forecast-service (sends ForecastsPublished) and a notifier (reads AnomalyAlert). */
public final class Queues {

    private final SqsServer sqs;
    private final EventJson json = new EventJson();

    public Queues(SqsServer sqs) {
        this.sqs = sqs;
    }

    public void purge(EventQueue queue) {
        try (SqsClient client = sqs.client()) {
            String url = client.getQueueUrl(r -> r.queueName(queue.queueName())).queueUrl();
            client.purgeQueue(r -> r.queueUrl(url));
        }
    }

    public void send(PipelineEvent event) {
        try (SqsClient client = sqs.client()) {
            String url = client.getQueueUrl(
                            r -> r.queueName(EventQueue.of(event.getClass()).queueName()))
                    .queueUrl();
            client.sendMessage(r -> r.queueUrl(url).messageBody(json.write(event)));
        }
    }

    /** Whether no message of the queue is waiting or being processed (a consumer has acknowledged everything). */
    public boolean drained(EventQueue queue) {
        try (SqsClient client = sqs.client()) {
            String url = client.getQueueUrl(r -> r.queueName(queue.queueName())).queueUrl();
            Map<QueueAttributeName, String> attributes = client.getQueueAttributes(r -> r.queueUrl(url)
                            .attributeNames(
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
    }

    /** Takes every AnomalyAlert waiting on its queue off it. */
    public List<AnomalyAlert> takeAlerts() {
        List<AnomalyAlert> alerts = new ArrayList<>();
        try (SqsClient client = sqs.client()) {
            String url = client.getQueueUrl(r -> r.queueName(EventQueue.ANOMALY_ALERT.queueName()))
                    .queueUrl();
            List<Message> batch;
            do {
                batch = client.receiveMessage(
                                r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
                for (Message message : batch) {
                    alerts.add(json.read(message.body(), AnomalyAlert.class));
                    client.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                }
            } while (!batch.isEmpty());
        }
        return alerts;
    }
}
