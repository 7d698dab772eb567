package org.nyc311.delta.silver;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.delta.LocalSpark;
import scala.collection.JavaConverters;

/**
 * Silver laid out as the upkeep's Z-order leaves it (each file a block of keys): a batch's look-ups read the files
 * its key range overlaps, not every file, which is what keeps a daily batch's silver stage from growing with history.
 */
class SilverKeyRangeIT {

    private static final StructType SCHEMA = new StructType()
            .add(SilverColumns.UNIQUE_KEY, DataTypes.StringType, false)
            .add("v", DataTypes.IntegerType, false);

    @TempDir
    static Path folder;

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("silver-key-range");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void aMergeOfABatchReadsOnlyTheFilesItsKeyRangeOverlaps() throws Exception {
        // an update of a key of the third block, and a new key just after it
        Dataset<Row> batch = rows(List.of(RowFactory.create("3005", -1), RowFactory.create("3100", -2)));
        KeyRange keys = KeyRange.of(batch).orElseThrow();
        String ranged = fourBlocksOfKeys("ranged");
        String plain = fourBlocksOfKeys("plain");

        long readRanged = rowsReadBy(() -> merge(ranged, batch, keys.mergeCondition("t", "s")));
        long readPlain =
                rowsReadBy(() -> merge(plain, batch, col("t.unique_key").equalTo(col("s.unique_key"))));

        // the key condition alone makes the MERGE read all of silver; with the range, the file of the third block
        assertThat(readPlain).isGreaterThanOrEqualTo(400);
        assertThat(readRanged).isLessThan(400);
        for (String silver : List.of(ranged, plain)) {
            Dataset<Row> after = spark.read().format("delta").load(silver);
            assertThat(after.count()).isEqualTo(401);
            assertThat(after.where(col(SilverColumns.UNIQUE_KEY).equalTo("3005"))
                            .first()
                            .getInt(1))
                    .isEqualTo(-1);
        }
    }

    private static void merge(String silver, Dataset<Row> batch, Column condition) {
        DeltaTable.forPath(spark, silver)
                .as("t")
                .merge(batch.as("s"), condition)
                .whenMatched()
                .updateAll()
                .whenNotMatched()
                .insertAll()
                .execute();
    }

    /** The rows every task of the action read from files or cache, as Spark's listener counts them. */
    private static long rowsReadBy(Runnable action) throws TimeoutException {
        AtomicLong read = new AtomicLong();
        SparkListener counter = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskMetrics() != null) {
                    read.addAndGet(end.taskMetrics().inputMetrics().recordsRead());
                }
            }
        };
        spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
        spark.sparkContext().addSparkListener(counter);
        try {
            action.run();
            spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
        } finally {
            spark.sparkContext().removeSparkListener(counter);
        }
        return read.get();
    }

    @Test
    void theClassificationsReadOfSilverScansOnlyTheFilesOfTheRange() {
        String silver = fourBlocksOfKeys("classify");
        Dataset<Row> table = spark.read().format("delta").load(silver);
        Optional<KeyRange> keys =
                KeyRange.of(rows(List.of(RowFactory.create("2050", 0), RowFactory.create("2060", 0))));

        Dataset<Row> narrowed = KeyRange.narrow(keys, table);

        assertThat(narrowed.count()).isEqualTo(11);
        assertThat(filesRead(narrowed)).isEqualTo(1);
        assertThat(KeyRange.narrow(Optional.empty(), table).count()).isZero();
        assertThat(KeyRange.of(rows(List.of()))).isEmpty();
    }

    /** Keys 1000-1099, 2000-2099, 3000-3099 and 4000-4099, one file each. */
    private static String fourBlocksOfKeys(String name) {
        String path = folder.resolve(name).toString();
        for (int block = 1; block <= 4; block++) {
            int first = block * 1000;
            List<Row> rows = new ArrayList<>();
            IntStream.range(first, first + 100).forEach(key -> rows.add(RowFactory.create(Integer.toString(key), key)));
            rows(rows).coalesce(1).write().format("delta").mode("append").save(path);
        }
        return path;
    }

    private static Dataset<Row> rows(List<Row> rows) {
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** The files the scans of an executed query read, after Delta's skipping. */
    private static long filesRead(Dataset<Row> query) {
        query.collectAsList();
        SparkPlan plan = query.queryExecution().executedPlan();
        if (plan instanceof AdaptiveSparkPlanExec adaptive) {
            plan = adaptive.executedPlan();
        }
        return JavaConverters.seqAsJavaList(plan.collectLeaves()).stream()
                .filter(FileSourceScanExec.class::isInstance)
                .mapToLong(scan -> scan.metrics().apply("numFiles").value())
                .sum();
    }
}
