package org.nyc311.testsupport.s3;

import org.nyc311.testsupport.junit.SharedServerExtension;

/** {@code @ExtendWith(S3ServerExtension.class)}: one s3proxy per test JVM, over a temporary folder. */
public final class S3ServerExtension extends SharedServerExtension<S3Server> {

    public S3ServerExtension() {
        super(S3Server.class, scratch -> S3Server.start(scratch, 0));
    }
}
