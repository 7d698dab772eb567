package org.nyc311.testsupport.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.nyc311.testsupport.aws.LocalAwsAccount;
import org.nyc311.testsupport.junit.EmbeddedServer;
import org.nyc311.testsupport.net.Loopback;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server: s3proxy over a filesystem blob store, in this JVM, on 127.0.0.1.
 * Clients use the ordinary AWS SDK with path-style access and V4 signatures, as against AWS, also with session
 * credentials (a session token), as a service given temporary credentials by another (Unity Catalog) does.
 */
public final class S3Server implements EmbeddedServer {

    private final S3Proxy proxy;
    private final Path baseDirectory;
    private final URI endpoint;

    private S3Server(S3Proxy proxy, Path baseDirectory, URI endpoint) {
        this.proxy = proxy;
        this.baseDirectory = baseDirectory;
        this.endpoint = endpoint;
    }

    /**
     * Starts on the given port (0 for any free one), storing objects as files below
     * {@code baseDirectory}: each bucket a folder, so a second start over the same folder sees the
     * objects of the first.
     */
    public static S3Server start(Path baseDirectory, int port) throws Exception {
        Files.createDirectories(baseDirectory);
        Properties properties = new Properties();
        properties.setProperty(
                "jclouds.filesystem.basedir", baseDirectory.toAbsolutePath().toString());
        int boundPort = port == 0 ? Loopback.freePort() : port;
        URI endpoint = URI.create("http://" + Loopback.HOST + ":" + boundPort);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", properties))
                .endpoint(endpoint)
                .awsAuthentication(
                        AuthenticationType.AWS_V2_OR_V4, LocalAwsAccount.ACCESS_KEY, LocalAwsAccount.SECRET_KEY)
                // a client with temporary (STS) credentials signs x-amz-security-token too, which s3proxy does not
                // know and would answer 501; it still checks the key and the signature over that header
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(20);
        }
        return new S3Server(proxy, baseDirectory, endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    public Path baseDirectory() {
        return baseDirectory;
    }

    public int port() {
        return endpoint.getPort();
    }

    /**
     * A new server on this one's port over this one's folder, with the objects it held: after
     * {@link #close()}, the end of an S3 outage as clients see it (same endpoint, same data).
     */
    public S3Server startAgain() throws Exception {
        return start(baseDirectory, port());
    }

    /** A client for this server, configured as any service configures its S3 client locally. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(LocalAwsAccount.REGION))
                .credentialsProvider(LocalAwsAccount.credentials())
                .forcePathStyle(true)
                .build();
    }

    public void createBucket(String bucket) {
        try (S3Client client = client()) {
            if (client.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                client.createBucket(request -> request.bucket(bucket));
            }
        }
    }

    @Override
    public Map<String, String> springProperties() {
        return Map.of(
                "spring.cloud.aws.s3.endpoint", endpoint.toString(),
                "spring.cloud.aws.s3.path-style-access-enabled", "true",
                "spring.cloud.aws.credentials.access-key", LocalAwsAccount.ACCESS_KEY,
                "spring.cloud.aws.credentials.secret-key", LocalAwsAccount.SECRET_KEY,
                "spring.cloud.aws.region.static", LocalAwsAccount.REGION);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop cleanly", e);
        }
    }
}
