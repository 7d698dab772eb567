package org.nyc311.delta.gold;

import static org.apache.spark.sql.functions.col;
import static org.nyc311.model.gold.GoldColumns.COUNT;
import static org.nyc311.model.gold.GoldColumns.DATE;
import static org.nyc311.model.gold.GoldColumns.SERIES_ID;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;
import org.nyc311.delta.LakeLayout;
import org.nyc311.model.gold.GoldColumns;
import org.nyc311.model.gold.extract.CatalogRow;
import org.nyc311.model.gold.extract.DailySeriesRow;
import org.nyc311.model.gold.extract.GoldExtractFiles;
import org.nyc311.model.gold.extract.GoldExtractLayout;
import org.nyc311.model.gold.extract.GoldExtractManifest;

/**
 * Writes gold's extract (shared-model's {@code org.nyc311.model.gold.extract}) under the lake root after gold is
 * written: the daily series and the catalog as of the versions the run leaves, each read at that version, then the
 * manifest naming them. The services read it from S3 instead of asking a SQL warehouse (docs/COSTS.md).
 *
 * <p>Through the Hadoop FileSystem API, as the run result, so the same code writes a local folder and S3. The
 * manifest is written last: on S3 an object appears whole when its upload completes, so a reader sees the old manifest
 * or the new one, each with its files in place (in a local folder served by s3proxy the manifest is rewritten in place,
 * and a reader that meets it half written gets a moment of gold unavailable and tries again). The folder of the manifest
 * it replaces and the {@link GoldExtractLayout#KEEP_PREVIOUS} highest others stay, so a reader that took the previous
 * manifest a moment ago still finds its files; older ones are deleted. A run that leaves gold's versions where the
 * manifest already is writes nothing: a retried run costs no second extract.
 */
final class GoldExtractWriter {

    private static final Pattern VERSION_FOLDER = Pattern.compile("v(\\d+)-(\\d+)");

    private GoldExtractWriter() {}

    /**
     * Writes the extract of gold at these versions unless the manifest already names them.
     *
     * @return the manifest that is current afterwards
     */
    static GoldExtractManifest write(SparkSession spark, LakeLayout lake, long seriesVersion, long catalogVersion)
            throws IOException {
        Path manifestPath = new Path(lake.root() + "/" + GoldExtractLayout.MANIFEST);
        FileSystem fs = manifestPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
        GoldExtractManifest current = readManifest(fs, manifestPath);
        if (current != null
                && current.isAt(seriesVersion, catalogVersion)
                && fs.exists(new Path(lake.root() + "/" + current.dailySeries()))
                && fs.exists(new Path(lake.root() + "/" + current.seriesCatalog()))) {
            return current;
        }
        String dailyKey = GoldExtractLayout.dailySeries(seriesVersion, catalogVersion);
        String catalogKey = GoldExtractLayout.seriesCatalog(seriesVersion, catalogVersion);
        long dailyRows;
        // streamed partition by partition: the driver never holds the whole daily series (1.6 million rows at NYC's
        // size)
        Iterator<Row> daily = lake.goldDailySeries()
                .readAt(spark, seriesVersion)
                .select(col(SERIES_ID), col(DATE), col(COUNT))
                .orderBy(SERIES_ID, DATE)
                .toLocalIterator();
        try (OutputStream out = fs.create(new Path(lake.root() + "/" + dailyKey), true)) {
            dailyRows = GoldExtractFiles.writeDailySeries(out, new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return daily.hasNext();
                }

                @Override
                public DailySeriesRow next() {
                    Row row = daily.next();
                    return new DailySeriesRow(row.getString(0), date(row, 1), row.getLong(2));
                }
            });
        }
        List<CatalogRow> catalog =
                lake.goldSeriesCatalog().readAt(spark, catalogVersion).orderBy(SERIES_ID).collectAsList().stream()
                        .map(GoldExtractWriter::catalogRow)
                        .toList();
        long catalogRows;
        try (OutputStream out = fs.create(new Path(lake.root() + "/" + catalogKey), true)) {
            catalogRows = GoldExtractFiles.writeCatalog(out, catalog.iterator());
        }
        GoldExtractManifest manifest = new GoldExtractManifest(
                seriesVersion, catalogVersion, dailyKey, catalogKey, dailyRows, catalogRows, Instant.now());
        try (OutputStream out = fs.create(manifestPath, true)) {
            out.write(GoldExtractFiles.manifestJson(manifest));
        }
        deleteOldFolders(fs, new Path(lake.root() + "/" + GoldExtractLayout.ROOT), manifest, current);
        return manifest;
    }

    private static @Nullable GoldExtractManifest readManifest(FileSystem fs, Path manifest) throws IOException {
        if (!fs.exists(manifest)) {
            return null;
        }
        try (InputStream in = fs.open(manifest)) {
            return GoldExtractFiles.readManifest(in.readAllBytes());
        } catch (IOException e) {
            // a manifest that cannot be read is replaced, not trusted
            System.out.println(
                    "gold extract: the manifest " + manifest + " could not be read, rewriting it: " + e.getMessage());
            return null;
        }
    }

    /**
     * Deletes the version folders but the new manifest's, the one it replaced (readers may still be downloading it,
     * whatever its versions: a table re-created starts again at 0) and the {@link GoldExtractLayout#KEEP_PREVIOUS}
     * highest others.
     */
    private static void deleteOldFolders(
            FileSystem fs, Path root, GoldExtractManifest written, @Nullable GoldExtractManifest replaced)
            throws IOException {
        long seriesVersion = written.dailySeriesVersion();
        long catalogVersion = written.seriesCatalogVersion();
        List<long[]> older = new ArrayList<>();
        for (FileStatus status : fs.listStatus(root)) {
            Matcher folder = VERSION_FOLDER.matcher(status.getPath().getName());
            if (status.isDirectory() && folder.matches()) {
                long[] versions = {Long.parseLong(folder.group(1)), Long.parseLong(folder.group(2))};
                boolean kept = (versions[0] == seriesVersion && versions[1] == catalogVersion)
                        || (replaced != null && replaced.isAt(versions[0], versions[1]));
                if (!kept) {
                    older.add(versions);
                }
            }
        }
        older.sort(Comparator.<long[]>comparingLong(v -> v[0])
                .thenComparingLong(v -> v[1])
                .reversed());
        for (long[] versions : older.subList(Math.min(GoldExtractLayout.KEEP_PREVIOUS, older.size()), older.size())) {
            fs.delete(new Path(root.getParent(), GoldExtractLayout.folder(versions[0], versions[1])), true);
        }
    }

    private static CatalogRow catalogRow(Row row) {
        return new CatalogRow(
                row.getAs(GoldColumns.SERIES_ID),
                row.getAs(GoldColumns.LEVEL),
                row.getAs(GoldColumns.COMPLAINT_TYPE_KEY),
                row.getAs(GoldColumns.COMPLAINT_TYPE),
                row.getAs(GoldColumns.BOROUGH_KEY),
                nullableDate(row, GoldColumns.FIRST_DATE),
                nullableDate(row, GoldColumns.LAST_DATE),
                nullableDate(row, GoldColumns.LAST_NONZERO_DATE),
                ((Number) row.getAs(GoldColumns.MEAN_COUNT)).doubleValue(),
                ((Number) row.getAs(GoldColumns.DAYS)).longValue(),
                Boolean.TRUE.equals(row.getAs(GoldColumns.FORECASTABLE)));
    }

    private static LocalDate date(Row row, int field) {
        Object value = row.get(field);
        return value instanceof LocalDate local ? local : ((Date) value).toLocalDate();
    }

    private static @Nullable LocalDate nullableDate(Row row, String column) {
        int field = row.fieldIndex(column);
        return row.isNullAt(field) ? null : date(row, field);
    }
}
