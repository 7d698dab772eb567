package org.nyc311.testsupport.sqs;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.nyc311.model.event.EventQueue;
import org.nyc311.testsupport.aws.LocalAwsAccount;
import org.nyc311.testsupport.junit.EmbeddedServer;
import org.nyc311.testsupport.net.Loopback;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * An SQS-compatible server: ElasticMQ in this JVM on 127.0.0.1, with every {@link EventQueue} and
 * its dead-letter queue created, joined by a redrive policy as in production.
 */
public final class SqsServer implements EmbeddedServer {

    private final SQSRestServer server;
    private final URI endpoint;
    private final int visibilityTimeoutSeconds;

    private SqsServer(SQSRestServer server, URI endpoint, int visibilityTimeoutSeconds) {
        this.server = server;
        this.endpoint = endpoint;
        this.visibilityTimeoutSeconds = visibilityTimeoutSeconds;
    }

    /**
     * Starts on the given port (0 for any free one) and creates the pipeline's queues.
     *
     * @param visibilityTimeoutSeconds how long a received message stays hidden before redelivery;
     *     3 s or more, since Spring Cloud AWS acknowledges in batches and a shorter timeout lets a
     *     handled message come back
     */
    public static SqsServer start(int port, int visibilityTimeoutSeconds) {
        int boundPort = port == 0 ? Loopback.freePort() : port;
        SQSRestServer server = SQSRestServerBuilder.withInterface(Loopback.HOST)
                .withPort(boundPort)
                .withServerAddress(new NodeAddress("http", Loopback.HOST, boundPort, ""))
                .withAWSRegion(LocalAwsAccount.REGION)
                .start();
        server.waitUntilStarted();
        SqsServer sqs = new SqsServer(
                server, URI.create("http://" + Loopback.HOST + ":" + boundPort), visibilityTimeoutSeconds);
        sqs.createPipelineQueues(visibilityTimeoutSeconds);
        return sqs;
    }

    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    /**
     * A new server on this one's port with the same queues, after {@link #close()}: the end of an SQS
     * outage as clients see it (same endpoint and queue URLs). ElasticMQ keeps messages in memory, so
     * the new server's queues start empty, where real SQS would still hold what was sent before.
     */
    public SqsServer startAgain() {
        return start(port(), visibilityTimeoutSeconds);
    }

    public SqsClient client() {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(LocalAwsAccount.REGION))
                .credentialsProvider(LocalAwsAccount.credentials())
                .build();
    }

    public String queueUrl(String queueName) {
        try (SqsClient client = client()) {
            return client.getQueueUrl(request -> request.queueName(queueName)).queueUrl();
        }
    }

    /** Sends one message with this body to the named queue, as a producer would. */
    public void send(String queueName, String body) {
        try (SqsClient client = client()) {
            String url = client.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
            client.sendMessage(r -> r.queueUrl(url).messageBody(body));
        }
    }

    /**
     * Takes every message visible on the named queue off it (received and deleted, batch after batch, until a
     * receive finds none) and returns their bodies in the order received; a message in flight elsewhere stays.
     */
    public List<String> takeAll(String queueName) {
        return takeAll(queueName, 0);
    }

    /**
     * As {@link #takeAll(String)}, each receive waiting up to this many seconds for a message (a long poll), so that
     * messages still being sent are taken too.
     */
    public List<String> takeAll(String queueName, int waitSeconds) {
        List<String> bodies = new ArrayList<>();
        try (SqsClient client = client()) {
            String url = client.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
            List<Message> batch;
            do {
                batch = client.receiveMessage(
                                r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds))
                        .messages();
                for (Message message : batch) {
                    bodies.add(message.body());
                    client.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                }
            } while (!batch.isEmpty());
        }
        return bodies;
    }

    /** How many messages the named queue holds, waiting or in flight (received and not yet deleted). */
    public int messagesIn(String queueName) {
        try (SqsClient client = client()) {
            String url = client.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
            Map<QueueAttributeName, String> attributes = client.getQueueAttributes(r -> r.queueUrl(url)
                            .attributeNames(
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
    }

    /** Empties the named queues, so that a test starts from none of an earlier test's messages. */
    public void purge(String... queueNames) {
        try (SqsClient client = client()) {
            for (String queueName : queueNames) {
                String url = client.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
                client.purgeQueue(r -> r.queueUrl(url));
            }
        }
    }

    private void createPipelineQueues(int visibilityTimeoutSeconds) {
        try (SqsClient client = client()) {
            for (EventQueue queue : EventQueue.values()) {
                String dlqUrl = client.createQueue(request -> request.queueName(queue.deadLetterQueueName()))
                        .queueUrl();
                String dlqArn = client.getQueueAttributes(
                                request -> request.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes()
                        .get(QueueAttributeName.QUEUE_ARN);
                String redrivePolicy = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                        + EventQueue.MAX_RECEIVE_COUNT + "\"}";
                Map<QueueAttributeName, String> attributes = Map.of(
                        QueueAttributeName.REDRIVE_POLICY,
                        redrivePolicy,
                        QueueAttributeName.VISIBILITY_TIMEOUT,
                        Integer.toString(visibilityTimeoutSeconds));
                try {
                    client.createQueue(
                            request -> request.queueName(queue.queueName()).attributes(attributes));
                } catch (QueueNameExistsException createdMeanwhile) {
                    // a listener that was waiting for this server may create its queue first, without these attributes
                    String url = client.getQueueUrl(request -> request.queueName(queue.queueName()))
                            .queueUrl();
                    client.setQueueAttributes(request -> request.queueUrl(url).attributes(attributes));
                }
            }
        }
    }

    @Override
    public Map<String, String> springProperties() {
        return Map.of(
                "spring.cloud.aws.sqs.endpoint", endpoint.toString(),
                "spring.cloud.aws.credentials.access-key", LocalAwsAccount.ACCESS_KEY,
                "spring.cloud.aws.credentials.secret-key", LocalAwsAccount.SECRET_KEY,
                "spring.cloud.aws.region.static", LocalAwsAccount.REGION);
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
