package org.nyc311.testsupport.warehouse;

import static org.nyc311.model.gold.GoldColumns.COUNT;
import static org.nyc311.model.gold.GoldColumns.DATE;
import static org.nyc311.model.gold.GoldColumns.FIRST_DATE;
import static org.nyc311.model.gold.GoldColumns.LAST_DATE;
import static org.nyc311.model.gold.GoldColumns.LAST_NONZERO_DATE;
import static org.nyc311.model.gold.GoldColumns.SERIES_ID;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.gold.extract.CatalogRow;
import org.nyc311.model.gold.extract.DailySeriesRow;
import org.nyc311.model.gold.extract.GoldExtractFiles;
import org.nyc311.model.gold.extract.GoldExtractLayout;
import org.nyc311.model.gold.extract.GoldExtractManifest;
import org.nyc311.testsupport.s3.S3Server;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Gold's extract of the rows a test put in the local warehouse's {@code gold} tables, written to a bucket in the
 * format delta-jobs writes (shared-model's {@code GoldExtractFiles}), ordered as the job orders them: so that a test can
 * ask the warehouse reader and the extract reader the same questions over the same rows.
 */
public final class GoldExtractFromWarehouse {

    private static final List<String> DATE_COLUMNS = List.of(FIRST_DATE, LAST_DATE, LAST_NONZERO_DATE);

    private GoldExtractFromWarehouse() {}

    /**
     * A new s3proxy (on a free port, over a new folder) whose bucket holds the extract of the warehouse's gold tables as
     * they are now, under these versions: for a test that reads gold both ways.
     */
    public static S3Server onNewS3(
            LocalSqlWarehouseProcess warehouse, String bucket, long seriesVersion, long catalogVersion)
            throws Exception {
        S3Server s3 = S3Server.start(Files.createTempDirectory("gold-extract"), 0);
        s3.createBucket(bucket);
        try (S3Client client = s3.client()) {
            write(warehouse, client, bucket, seriesVersion, catalogVersion);
        }
        return s3;
    }

    /** Writes the extract of the warehouse's gold tables as they are now, under these versions, and its manifest. */
    public static GoldExtractManifest write(
            LocalSqlWarehouseProcess warehouse, S3Client s3, String bucket, long seriesVersion, long catalogVersion)
            throws SQLException, IOException {
        List<DailySeriesRow> daily = new ArrayList<>();
        List<CatalogRow> catalog = new ArrayList<>();
        try (Connection connection = warehouse.connect();
                Statement sql = connection.createStatement()) {
            try (ResultSet rows = sql.executeQuery("SELECT " + SERIES_ID + ", CAST(" + DATE + " AS STRING), " + COUNT
                    + " FROM " + GoldTablesFixture.DAILY_SERIES + " ORDER BY 1, 2")) {
                while (rows.next()) {
                    daily.add(new DailySeriesRow(
                            rows.getString(1), LocalDate.parse(rows.getString(2).substring(0, 10)), rows.getLong(3)));
                }
            }
            // the extract's columns in its order, dates as strings (the Thrift Server's DATE results are unreliable)
            String columns = GoldExtractFiles.CATALOG_COLUMNS.stream()
                    .map(column -> DATE_COLUMNS.contains(column) ? "CAST(" + column + " AS STRING)" : column)
                    .collect(java.util.stream.Collectors.joining(", "));
            try (ResultSet rows = sql.executeQuery(
                    "SELECT " + columns + " FROM " + GoldTablesFixture.SERIES_CATALOG + " ORDER BY 1")) {
                while (rows.next()) {
                    catalog.add(new CatalogRow(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5),
                            date(rows.getString(6)),
                            date(rows.getString(7)),
                            date(rows.getString(8)),
                            rows.getDouble(9),
                            rows.getLong(10),
                            rows.getBoolean(11)));
                }
            }
        }
        String dailyKey = GoldExtractLayout.dailySeries(seriesVersion, catalogVersion);
        String catalogKey = GoldExtractLayout.seriesCatalog(seriesVersion, catalogVersion);
        ByteArrayOutputStream dailyFile = new ByteArrayOutputStream();
        GoldExtractFiles.writeDailySeries(dailyFile, daily.iterator());
        ByteArrayOutputStream catalogFile = new ByteArrayOutputStream();
        GoldExtractFiles.writeCatalog(catalogFile, catalog.iterator());
        s3.putObject(request -> request.bucket(bucket).key(dailyKey), RequestBody.fromBytes(dailyFile.toByteArray()));
        s3.putObject(
                request -> request.bucket(bucket).key(catalogKey), RequestBody.fromBytes(catalogFile.toByteArray()));
        GoldExtractManifest manifest = new GoldExtractManifest(
                seriesVersion, catalogVersion, dailyKey, catalogKey, daily.size(), catalog.size(), Instant.now());
        s3.putObject(
                request -> request.bucket(bucket).key(GoldExtractLayout.MANIFEST),
                RequestBody.fromBytes(GoldExtractFiles.manifestJson(manifest)));
        return manifest;
    }

    private static @Nullable LocalDate date(@Nullable String value) {
        return value == null || value.isEmpty() ? null : LocalDate.parse(value.substring(0, 10));
    }
}
