package org.nyc311.ingest.landing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.nyc311.ingest.config.LakeProperties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Writes parts and manifests to the lake bucket. A part is one whole page in one PUT: S3 shows an
 * object whole or not at all, and writing the same page again writes the same key, so a resumed run
 * never leaves two copies of a page.
 */
@Component
public class RawBatchStore {

    private final S3Client s3;
    private final String bucket;
    private final ObjectMapper mapper;

    public RawBatchStore(S3Client s3, LakeProperties lake, ObjectMapper mapper) {
        this.s3 = s3;
        this.bucket = lake.bucket();
        this.mapper = mapper;
    }

    public String bucket() {
        return bucket;
    }

    /** One page as gzip NDJSON: each record on its own line, exactly as the source gave it. */
    public LandedPart landPart(BatchLayout layout, int partNumber, List<String> records) {
        byte[] bytes = gzipLines(records);
        String key = layout.partKey(partNumber);
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/gzip").build(),
                RequestBody.fromBytes(bytes));
        return new LandedPart(partNumber, key, records.size(), bytes.length, sha256(bytes));
    }

    public String writeManifest(BatchLayout layout, Manifest manifest) {
        byte[] json;
        try {
            json = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest of run " + layout.runId(), e);
        }
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(layout.manifestKey()).contentType("application/json").build(),
                RequestBody.fromBytes(json));
        return layout.manifestKey();
    }

    static byte[] gzipLines(List<String> records) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(buffer, 1 << 16)) {
            for (String record : records) {
                gzip.write(record.getBytes(StandardCharsets.UTF_8));
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip a page in memory", e);
        }
        return buffer.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
