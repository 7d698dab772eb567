package org.nyc311.faults.support.ingest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.s3.S3ServerExtension;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;

/**
 * On an ingest fault test: the servers an {@link IngestRig} is created over (PostgreSQL, S3, SQS) and the token
 * issuer its ingest-service checks tokens with, each handed to the test as a parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith({
    PostgresServerExtension.class,
    S3ServerExtension.class,
    SqsServerExtension.class,
    TokenIssuerExtension.class
})
public @interface IngestRigServers {}
