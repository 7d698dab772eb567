package org.nyc311.testsupport.aws;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The credentials and region of the local stand-ins for S3 and SQS: one account, so that a client made for one
 * talks to the other, as one IAM role's credentials do in production.
 */
public final class LocalAwsAccount {

    public static final String ACCESS_KEY = "nyc311-local";
    public static final String SECRET_KEY = "nyc311-local-secret";
    public static final String REGION = "us-east-1";

    private LocalAwsAccount() {}

    /** The account's static credentials, for an AWS SDK client. */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** Spring Cloud AWS's credentials and region properties for the account. */
    public static Map<String, String> springProperties() {
        return Map.of(
                "spring.cloud.aws.credentials.access-key", ACCESS_KEY,
                "spring.cloud.aws.credentials.secret-key", SECRET_KEY,
                "spring.cloud.aws.region.static", REGION);
    }
}
