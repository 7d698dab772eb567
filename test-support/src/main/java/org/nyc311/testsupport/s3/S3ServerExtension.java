package org.nyc311.testsupport.s3;

import java.nio.file.Path;
import org.nyc311.testsupport.junit.SharedServerExtension;

/** {@code @ExtendWith(S3ServerExtension.class)}: one s3proxy per test JVM, over a temporary folder. */
public final class S3ServerExtension extends SharedServerExtension<S3Server> {

    public S3ServerExtension() {
        super(S3Server.class);
    }

    @Override
    protected S3Server start(Path scratch) throws Exception {
        return S3Server.start(scratch, 0);
    }
}
