package org.nyc311.delta;

import static org.apache.spark.sql.functions.expr;

import io.delta.tables.DeltaTable;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * One Delta table of the lake, addressed either by its path (a local directory or {@code s3://...}: how
 * the jobs run locally) or by its catalog name ({@code catalog.schema.table}: a Unity Catalog table on
 * Databricks, the session catalog in a test). Every read and write the stages make goes through here, so
 * that they never ask which of the two they have. {@link LakeLayout} decides, once per run.
 *
 * <p>By name, writes use Spark's catalog API ({@code writeTo}, {@code toTable}): a Unity Catalog managed
 * table has no path a job may write to, and the catalog keeps the table's history, so time travel, MERGE,
 * OPTIMIZE and VACUUM work by name as they do by path.
 *
 * @param address the path or the catalog-qualified name
 * @param byName whether {@code address} is a catalog name
 */
public record LakeTable(String address, boolean byName) {

    /** Spark's built-in catalog: what {@code --catalog} names in a local run. */
    static final String SESSION_CATALOG = "spark_catalog";

    public static LakeTable atPath(String path) {
        return new LakeTable(path, false);
    }

    public static LakeTable named(String qualifiedName) {
        return new LakeTable(qualifiedName, true);
    }

    /** The table as it is now. */
    public Dataset<Row> read(SparkSession spark) {
        return byName
                ? spark.read().table(address)
                : spark.read().format("delta").load(address);
    }

    /** The table as of one version, so that two reads of one run see the same rows. */
    public Dataset<Row> readAt(SparkSession spark, long version) {
        return byName
                ? spark.read().option("versionAsOf", version).table(address)
                : spark.read().format("delta").option("versionAsOf", version).load(address);
    }

    public boolean exists(SparkSession spark) {
        return byName ? spark.catalog().tableExists(address) : DeltaTable.isDeltaTable(spark, address);
    }

    /** The table's latest version, or -1 when it does not exist yet. */
    public long version(SparkSession spark) {
        if (!exists(spark)) {
            return -1;
        }
        return delta(spark).history(1).select("version").first().getLong(0);
    }

    /** The handle for MERGE, UPDATE, DELETE, history and upkeep. */
    public DeltaTable delta(SparkSession spark) {
        return byName ? DeltaTable.forName(spark, deltaName()) : DeltaTable.forPath(spark, address);
    }

    /**
     * The name as {@code DeltaTable.forName} takes it. Databricks' Delta takes {@code catalog.schema.table};
     * open-source Delta 3.x parses at most {@code schema.table}, the session catalog's own form, which names
     * the same table there.
     */
    private String deltaName() {
        return address.startsWith(SESSION_CATALOG + ".") ? address.substring(SESSION_CATALOG.length() + 1) : address;
    }

    /** Creates the table with these rows (and their schema); fails if it exists. */
    public void create(Dataset<Row> rows) {
        if (byName) {
            byCatalog(() -> rows.writeTo(address).using("delta").create());
        } else {
            rows.write().format("delta").save(address);
        }
    }

    /** Adds the rows, creating the table on the first append. */
    public void append(Dataset<Row> rows) {
        if (!byName) {
            rows.write().format("delta").mode("append").save(address);
        } else if (exists(rows.sparkSession())) {
            byCatalog(() -> rows.writeTo(address).append());
        } else {
            create(rows);
        }
    }

    /** Replaces the rows that match the predicate (SQL) with these rows, in one commit; the others stay. */
    public void replaceWhere(Dataset<Row> rows, String predicate) {
        if (byName) {
            byCatalog(() -> rows.writeTo(address).overwrite(expr(predicate)));
        } else {
            rows.write()
                    .format("delta")
                    .mode("overwrite")
                    .option("replaceWhere", predicate)
                    .save(address);
        }
    }

    /** Replaces the whole table, schema included, as a new version (its history stays); creates it if missing. */
    public void replace(Dataset<Row> rows) {
        if (byName) {
            rows.writeTo(address).using("delta").createOrReplace();
        } else {
            rows.write()
                    .format("delta")
                    .mode("overwrite")
                    .option("overwriteSchema", "true")
                    .save(address);
        }
    }

    /** Starts a configured streaming write into the table; by name, the first batch creates it. */
    public StreamingQuery startStream(DataStreamWriter<Row> writer) throws TimeoutException {
        return byName ? writer.toTable(address) : writer.start(address);
    }

    /** A catalog write, whose Scala signature declares the catalog's exceptions (table missing or present). */
    private interface CatalogWrite {
        void run() throws AnalysisException;
    }

    private void byCatalog(CatalogWrite write) {
        try {
            write.run();
        } catch (AnalysisException e) {
            throw new IllegalStateException("cannot write table " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return address;
    }
}
