package org.nyc311.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Reads back what landed in the test bucket, through the ordinary S3 API. */
public final class Lake {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final S3Client s3;

    public Lake(S3Client s3) {
        this.s3 = s3;
    }

    public List<String> keys(String prefix) {
        return s3
                .listObjectsV2Paginator(
                        r -> r.bucket(IngestIntegrationTest.BUCKET).prefix(prefix))
                .contents()
                .stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    public byte[] bytes(String key) {
        ResponseBytes<GetObjectResponse> object =
                s3.getObjectAsBytes(r -> r.bucket(IngestIntegrationTest.BUCKET).key(key));
        return object.asByteArray();
    }

    /** The lines of a gzip NDJSON part. */
    public List<String> lines(String key) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new java.io.ByteArrayInputStream(bytes(key))), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record under the prefix's parts, in part order. */
    public List<JsonNode> records(String prefix) {
        List<JsonNode> records = new ArrayList<>();
        for (String key : keys(prefix)) {
            if (key.endsWith(".json.gz")) {
                for (String line : lines(key)) {
                    records.add(json(line));
                }
            }
        }
        return records;
    }

    public JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
