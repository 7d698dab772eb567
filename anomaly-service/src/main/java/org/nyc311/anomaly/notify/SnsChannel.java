package org.nyc311.anomaly.notify;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * An SNS topic (deploy/ecs's alert topic, whose e-mail subscription is a stack parameter): the notice's text, then
 * the event's JSON for machine subscribers; the event id travels as a message attribute so that a subscriber can
 * drop a repeat. The task role may publish to this topic only.
 */
final class SnsChannel implements AlertChannel {

    private final SnsClient sns;
    private final String topicArn;

    SnsChannel(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public void send(AlertNotice notice) {
        sns.publish(PublishRequest.builder()
                .topicArn(topicArn)
                .subject(notice.subject())
                .message(notice.text() + "\n\n" + notice.eventJson())
                .messageAttributes(java.util.Map.of(
                        "eventId",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(notice.event().eventId().toString())
                                .build()))
                .build());
    }

    @Override
    public void close() {
        sns.close();
    }
}
