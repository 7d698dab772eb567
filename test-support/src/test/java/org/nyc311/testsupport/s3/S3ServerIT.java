package org.nyc311.testsupport.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@ExtendWith(S3ServerExtension.class)
class S3ServerIT {

    @Test
    void objectPutOverHttpIsReadBackByteForByte(S3Server s3) {
        s3.createBucket("roundtrip");
        byte[] body = "{\"unique_key\":\"61234567\"}\n".getBytes(StandardCharsets.UTF_8);

        try (S3Client client = s3.client()) {
            client.putObject(r -> r.bucket("roundtrip").key("raw/nyc311/part-00000.json"), RequestBody.fromBytes(body));

            byte[] read = client.getObjectAsBytes(r -> r.bucket("roundtrip").key("raw/nyc311/part-00000.json"))
                    .asByteArray();
            assertThat(read).isEqualTo(body);
            assertThat(client.listObjectsV2(r -> r.bucket("roundtrip").prefix("raw/"))
                            .contents())
                    .extracting(o -> o.key(), o -> o.size())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("raw/nyc311/part-00000.json", (long) body.length));
        }
        assertThat(s3.endpoint().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void objectsSurviveARestartOverTheSameFolder(@TempDir Path folder) throws Exception {
        try (S3Server first = S3Server.start(folder, 0)) {
            first.createBucket("lake");
            try (S3Client client = first.client()) {
                client.putObject(r -> r.bucket("lake").key("gold/marker"), RequestBody.fromString("v1"));
            }
        }
        assertThat(Files.isDirectory(folder.resolve("lake"))).isTrue();

        try (S3Server second = S3Server.start(folder, 0);
                S3Client client = second.client()) {
            assertThat(client.getObjectAsBytes(r -> r.bucket("lake").key("gold/marker"))
                            .asUtf8String())
                    .isEqualTo("v1");
        }
    }

    @Test
    void aServerStartedAgainAnswersOnTheSameEndpointWithTheSameObjects(@TempDir Path folder) throws Exception {
        S3Server first = S3Server.start(folder, 0);
        first.createBucket("lake");
        try (S3Client client = first.client()) {
            client.putObject(r -> r.bucket("lake").key("_pipeline_runs/r1/result.json"), RequestBody.fromString("{}"));
        }
        first.close();

        try (S3Server again = first.startAgain();
                S3Client client = first.client()) {
            assertThat(again.endpoint()).isEqualTo(first.endpoint());
            assertThat(client.getObjectAsBytes(r -> r.bucket("lake").key("_pipeline_runs/r1/result.json"))
                            .asUtf8String())
                    .isEqualTo("{}");
        }
    }
}
