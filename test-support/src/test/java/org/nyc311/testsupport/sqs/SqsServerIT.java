package org.nyc311.testsupport.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.model.event.EventQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(SqsServerExtension.class)
class SqsServerIT {

    @Test
    void everyPipelineQueueHasADeadLetterQueueThroughItsRedrivePolicy(SqsServer sqs) {
        try (SqsClient client = sqs.client()) {
            for (EventQueue queue : EventQueue.values()) {
                Map<QueueAttributeName, String> attributes = client.getQueueAttributes(
                                r -> r.queueUrl(sqs.queueUrl(queue.queueName())).attributeNames(QueueAttributeName.ALL))
                        .attributes();

                assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                        .contains(queue.deadLetterQueueName())
                        .contains("\"maxReceiveCount\":" + EventQueue.MAX_RECEIVE_COUNT);
            }
        }
    }

    @Test
    void messageThatKeepsFailingMovesToTheDeadLetterQueueAndIsRedriven(SqsServer sqs) {
        EventQueue queue = EventQueue.GOLD_REFRESHED;
        String queueUrl = sqs.queueUrl(queue.queueName());
        String dlqUrl = sqs.queueUrl(queue.deadLetterQueueName());
        try (SqsClient client = sqs.client()) {
            client.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"poison\":true}"));

            // a consumer that fails: receives and never deletes, until SQS gives up on the message
            int deliveries = 0;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (Instant.now().isBefore(deadline) && sqs.messagesIn(queue.deadLetterQueueName()) == 0) {
                deliveries += client.receiveMessage(
                                r -> r.queueUrl(queueUrl).visibilityTimeout(1).waitTimeSeconds(2))
                        .messages()
                        .size();
            }
            assertThat(deliveries).isEqualTo(EventQueue.MAX_RECEIVE_COUNT);
            assertThat(sqs.messagesIn(queue.deadLetterQueueName())).isEqualTo(1);

            // the operator's redrive: the message goes back to its source queue, with its body intact
            String dlqArn = client.getQueueAttributes(
                            r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            client.startMessageMoveTask(r -> r.sourceArn(dlqArn));

            List<Message> redriven = List.of();
            deadline = Instant.now().plus(Duration.ofSeconds(15));
            while (redriven.isEmpty() && Instant.now().isBefore(deadline)) {
                redriven = client.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1))
                        .messages();
            }
            assertThat(redriven).extracting(Message::body).containsExactly("{\"poison\":true}");
            String receipt = redriven.get(0).receiptHandle();
            client.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(receipt));
            assertThat(sqs.messagesIn(queue.deadLetterQueueName())).isZero();
        }
    }

    @Test
    void aServerStartedAgainHasTheSameQueueUrlsButNotTheOldMessages() {
        SqsServer first = SqsServer.start(0, 3);
        String queueUrl = first.queueUrl(EventQueue.RAW_BATCH_LANDED.queueName());
        try (SqsClient client = first.client()) {
            client.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"before\":true}"));
        }
        first.close();

        try (SqsServer again = first.startAgain();
                SqsClient client = first.client()) {
            assertThat(again.endpoint()).isEqualTo(first.endpoint());
            assertThat(again.queueUrl(EventQueue.RAW_BATCH_LANDED.queueName())).isEqualTo(queueUrl);
            assertThat(client.getQueueAttributes(
                                    r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                            .attributes()
                            .get(QueueAttributeName.REDRIVE_POLICY))
                    .contains(EventQueue.RAW_BATCH_LANDED.deadLetterQueueName());
            // ElasticMQ keeps messages in memory: real SQS would still have this one
            assertThat(again.messagesIn(EventQueue.RAW_BATCH_LANDED.queueName()))
                    .isZero();
        }
    }

    @Test
    void sentBodiesAreTakenOnceInOrderAndAPurgeEmptiesTheQueue(SqsServer sqs) {
        String queue = EventQueue.ANOMALY_ALERT.queueName();
        sqs.purge(queue);
        sqs.send(queue, "{\"n\":1}");
        sqs.send(queue, "{\"n\":2}");

        assertThat(sqs.messagesIn(queue)).isEqualTo(2);
        assertThat(sqs.takeAll(queue)).containsExactly("{\"n\":1}", "{\"n\":2}");
        assertThat(sqs.takeAll(queue)).isEmpty();

        sqs.send(queue, "{\"n\":3}");
        sqs.purge(queue);
        assertThat(sqs.messagesIn(queue)).isZero();
    }
}
