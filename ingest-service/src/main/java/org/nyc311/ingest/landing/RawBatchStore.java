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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.nyc311.ingest.config.LakeProperties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes parts and manifests to the lake bucket. A page is staged as one whole object in one PUT (S3
 * shows an object whole or not at all) under a staging key of its own; publishing copies the committed
 * staged object to the part's final key with a server-side copy, once, and never over other content. So
 * a final key, once it exists, never changes, and it appears only when every page of its run has landed:
 * bronze, which takes each file once, can neither read a page that is later rewritten nor miss the
 * rewrite.
 */
@Component
public class RawBatchStore {

    /** User metadata on staged and published parts: the hex SHA-256 of the object's bytes. */
    static final String SHA256 = "sha256";

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

    /**
     * Stages one page as gzip NDJSON (each record on its own line, exactly as the source gave it) under a
     * new staging key; the SHA-256 of its bytes goes with it as object metadata, and survives the copy.
     */
    public StagedPart stagePart(BatchLayout layout, int partNumber, List<String> records) {
        byte[] bytes = gzipLines(records);
        String sha256 = sha256(bytes);
        String stagedKey =
                layout.stagedPartKey(partNumber, UUID.randomUUID().toString().substring(0, 12));
        s3.putObject(
                PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(stagedKey)
                        .contentType("application/gzip")
                        .metadata(Map.of(SHA256, sha256))
                        .build(),
                RequestBody.fromBytes(bytes));
        return new StagedPart(
                new LandedPart(partNumber, layout.partKey(partNumber), records.size(), bytes.length, sha256),
                stagedKey);
    }

    /**
     * Copies a committed staged part to its final key (server-side). A final key that already holds the
     * same bytes (a publish repeated after a crash) is left as it is; one that holds other bytes is never
     * overwritten: that would change a file bronze may already have taken.
     *
     * @return whether this call copied the part
     */
    public boolean publishPart(StagedPart staged) {
        LandedPart part = staged.part();
        Optional<HeadObjectResponse> existing = head(part.key());
        if (existing.isPresent()) {
            String sha256 = existing.get().metadata().get(SHA256);
            boolean same = sha256 != null
                    ? sha256.equals(part.sha256())
                    : existing.get().contentLength() == part.byteCount();
            if (!same) {
                throw new IllegalStateException(
                        "the final key " + part.key() + " already holds other content than the committed part "
                                + (staged.stagedKey() == null ? "" : "staged at " + staged.stagedKey())
                                + "; a published part is never rewritten");
            }
            return false;
        }
        if (staged.stagedKey() == null) {
            throw new IllegalStateException("part " + part.key() + " was landed before staging and is missing");
        }
        s3.copyObject(CopyObjectRequest.builder()
                .sourceBucket(bucket)
                .sourceKey(staged.stagedKey())
                .destinationBucket(bucket)
                .destinationKey(part.key())
                .metadataDirective(MetadataDirective.COPY)
                .build());
        return true;
    }

    /** Removes a published run's staging objects (committed ones and those of interrupted attempts); best effort. */
    public int deleteStaging(BatchLayout layout) {
        List<ObjectIdentifier> staged =
                s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(layout.stagingPrefix())).contents().stream()
                        .map(object ->
                                ObjectIdentifier.builder().key(object.key()).build())
                        .toList();
        for (int from = 0; from < staged.size(); from += 1000) {
            List<ObjectIdentifier> batch = staged.subList(from, Math.min(staged.size(), from + 1000));
            s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
        }
        return staged.size();
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public String writeManifest(BatchLayout layout, Manifest manifest) {
        byte[] json;
        try {
            json = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest of run " + layout.runId(), e);
        }
        s3.putObject(
                PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(layout.manifestKey())
                        .contentType("application/json")
                        .build(),
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
