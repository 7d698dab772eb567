package org.nyc311.service.gold.extract;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.gold.extract.GoldExtractFiles;
import org.nyc311.model.gold.extract.GoldExtractManifest;
import org.nyc311.service.gold.GoldUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The current extract of gold, read from the lake bucket and kept in memory. Each {@link #current()} reads the manifest
 * (a few hundred bytes) and downloads the two files only when it names other ones, so a service sees a new gold as soon
 * as the job has written it, and reads NYC's three years (about 1.6 million rows) once a day rather than per request.
 * What cannot be read is a {@link GoldUnavailableException}, as a warehouse that does not answer: the caller's retry
 * rules apply unchanged.
 */
public class GoldExtractStore {

    private static final Logger LOG = LoggerFactory.getLogger(GoldExtractStore.class);

    private final S3Client s3;
    private final GoldExtractProperties properties;
    // read without the lock: a request that finds the extract it names current waits for no other request's S3 call
    private volatile @Nullable GoldExtract loaded;

    public GoldExtractStore(S3Client s3, GoldExtractProperties properties) {
        this.s3 = s3;
        this.properties = properties;
    }

    /**
     * The extract the manifest names now.
     *
     * @throws GoldUnavailableException when S3 cannot be read, no extract was written yet, or its files are broken
     */
    public GoldExtract current() {
        GoldExtractManifest manifest = manifest();
        GoldExtract kept = loaded;
        if (kept != null && kept.manifest().equals(manifest)) {
            return kept;
        }
        return load(manifest);
    }

    /**
     * One download at a time, of the manifest current when the lock is taken: a caller that read an older manifest a
     * moment before the job wrote a newer one never swaps the older extract back in.
     */
    private synchronized GoldExtract load(GoldExtractManifest seen) {
        GoldExtract kept = loaded;
        if (kept != null && kept.manifest().equals(seen)) {
            return kept;
        }
        GoldExtractManifest manifest = manifest();
        if (kept != null && kept.manifest().equals(manifest)) {
            return kept;
        }
        long started = System.nanoTime();
        GoldExtract fresh;
        try (InputStream dailySeries = open(manifest.dailySeries());
                InputStream seriesCatalog = open(manifest.seriesCatalog())) {
            fresh = GoldExtract.read(manifest, dailySeries, seriesCatalog);
        } catch (IOException e) {
            throw new GoldUnavailableException(
                    "the gold extract " + manifest.dailySeries() + " could not be read: " + e.getMessage(), e);
        }
        loaded = fresh;
        LOG.info(
                "gold extract at daily_series version {} (series_catalog {}) read: {} series, {} catalog rows, {} ms",
                manifest.dailySeriesVersion(),
                manifest.seriesCatalogVersion(),
                fresh.seriesIds().size(),
                fresh.catalog().size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return fresh;
    }

    private GoldExtractManifest manifest() {
        byte[] body;
        try {
            body = s3.getObjectAsBytes(
                            request -> request.bucket(properties.bucket()).key(properties.manifestKey()))
                    .asByteArray();
        } catch (NoSuchKeyException e) {
            throw new GoldUnavailableException(
                    "no gold extract at " + properties.manifestLocation()
                            + " yet: the pipeline writes it with gold (delta-jobs' gold stage)",
                    e);
        } catch (S3Exception e) {
            // without s3:ListBucket (the stack grants GetObject only) S3 answers a missing key with 403, not 404
            String why = e.statusCode() == 403 ? " (403: no extract written yet, or this service may not read it)" : "";
            throw new GoldUnavailableException(
                    "could not read " + properties.manifestLocation() + why + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new GoldUnavailableException(
                    "could not read " + properties.manifestLocation() + ": " + e.getMessage(), e);
        }
        try {
            return GoldExtractFiles.readManifest(body);
        } catch (IOException e) {
            throw new GoldUnavailableException(
                    properties.manifestLocation() + " is not a gold extract manifest: " + e.getMessage(), e);
        }
    }

    private InputStream open(String key) {
        try {
            return s3.getObject(request -> request.bucket(properties.bucket()).key(key));
        } catch (SdkException e) {
            throw new GoldUnavailableException(
                    "could not read s3://" + properties.bucket() + "/" + key + ": " + e.getMessage(), e);
        }
    }
}
