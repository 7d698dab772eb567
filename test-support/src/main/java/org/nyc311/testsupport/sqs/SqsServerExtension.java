package org.nyc311.testsupport.sqs;

import org.nyc311.testsupport.junit.SharedServerExtension;

/** {@code @ExtendWith(SqsServerExtension.class)}: one ElasticMQ per test JVM with the pipeline's queues. */
public final class SqsServerExtension extends SharedServerExtension<SqsServer> {

    /** Short enough for tests of redelivery, long enough for Spring Cloud AWS's batched acknowledgements. */
    public static final int TEST_VISIBILITY_TIMEOUT_SECONDS = 3;

    public SqsServerExtension() {
        super(SqsServer.class, scratch -> SqsServer.start(0, TEST_VISIBILITY_TIMEOUT_SECONDS));
    }
}
