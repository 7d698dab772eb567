package org.nyc311.service.health;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * SQS: every queue the service sends to or listens on can be found. Not required: listeners poll again
 * when it is back, and events wait in an outbox (or the run that made them) until they can be sent.
 */
public class SqsHealth extends DependencyHealth {

    private final SqsAsyncClient sqs;
    private final List<String> queues;

    public SqsHealth(SqsAsyncClient sqs, String endpoint, List<String> queues, Duration timeout, Clock clock) {
        super("sqs", endpoint, false, timeout, clock);
        this.sqs = sqs;
        this.queues = List.copyOf(queues);
    }

    @Override
    protected Map<String, Object> probe() throws Exception {
        for (String queue : queues) {
            sqs.getQueueUrl(request -> request.queueName(queue)).get(1, TimeUnit.MINUTES);
        }
        return Map.of("queues", queues);
    }
}
