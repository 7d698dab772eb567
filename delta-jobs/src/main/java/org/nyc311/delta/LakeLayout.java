package org.nyc311.delta;

import java.util.Optional;
import org.nyc311.model.gold.GoldTables;

/**
 * Where everything lives: the one place that maps each table to its address. By default (and in every
 * local run) each table is a path under one lake root (a directory locally, {@code s3://bucket} in
 * production), renamed per table with {@code --table-<name> path}. Given {@code --catalog} (see
 * {@link CatalogSchemas}), each table is a catalog name instead, {@code catalog.schema.table}, gold's names
 * those of {@link GoldTables} that the services read over JDBC.
 *
 * <p>In both modes the lake root keeps what is files, not tables: raw landings, streaming checkpoints, the
 * run results pipeline-controller reads and the upkeep marker (on Databricks, a path a Unity Catalog
 * external location governs).
 */
public record LakeLayout(
        String root,
        String rawRoot,
        LakeTable bronzeRequests,
        LakeTable silverRequests,
        LakeTable silverQuarantine,
        LakeTable pipelineMetrics,
        LakeTable goldDailyRequests,
        LakeTable goldDailySeries,
        LakeTable goldSeriesCatalog) {

    public static LakeLayout from(JobArgs args) {
        String root = trimSlash(args.required("lake-root"));
        String rawRoot = trimSlash(args.get("raw-root", root + "/raw/nyc311"));
        Optional<CatalogSchemas> catalog = CatalogSchemas.from(args);
        if (catalog.isPresent()) {
            CatalogSchemas schemas = catalog.get();
            args.values().keySet().stream()
                    .filter(name -> name.startsWith("table-"))
                    .findFirst()
                    .ifPresent(name -> {
                        throw new IllegalArgumentException(
                                "--" + name + " moves a table's path; with --catalog the tables are named by schema");
                    });
            return new LakeLayout(
                    root,
                    rawRoot,
                    LakeTable.named(schemas.bronzeTable("service_requests")),
                    LakeTable.named(schemas.silverTable("service_requests")),
                    LakeTable.named(schemas.silverTable("quarantine")),
                    LakeTable.named(schemas.silverTable("pipeline_metrics")),
                    LakeTable.named(schemas.goldTable(GoldTables.DAILY_REQUESTS)),
                    LakeTable.named(schemas.goldTable(GoldTables.DAILY_SERIES)),
                    LakeTable.named(schemas.goldTable(GoldTables.SERIES_CATALOG)));
        }
        return new LakeLayout(
                root,
                rawRoot,
                table(args, root, "bronze-requests", "bronze/service_requests"),
                table(args, root, "silver-requests", "silver/service_requests"),
                table(args, root, "silver-quarantine", "silver/quarantine"),
                table(args, root, "pipeline-metrics", "silver/pipeline_metrics"),
                table(args, root, "daily-requests", "gold/" + GoldTables.DAILY_REQUESTS),
                table(args, root, "daily-series", "gold/" + GoldTables.DAILY_SERIES),
                table(args, root, "series-catalog", "gold/" + GoldTables.SERIES_CATALOG));
    }

    public String checkpoint(String name) {
        return root + "/_checkpoints/" + name;
    }

    /** The file the gold stage leaves for pipeline-controller: the run's versions and counts. */
    public String runResult(String runId) {
        return root + "/_pipeline_runs/" + runId + "/result.json";
    }

    /** A table as messages name it: its path relative to the root, or its catalog name. */
    public String describe(LakeTable table) {
        String address = table.address();
        return address.startsWith(root + "/") ? address.substring(root.length() + 1) : address;
    }

    private static LakeTable table(JobArgs args, String root, String name, String fallback) {
        return LakeTable.atPath(root + "/" + trimSlash(args.get("table-" + name, fallback)));
    }

    private static String trimSlash(String path) {
        String trimmed = path.strip();
        while (trimmed.endsWith("/") && trimmed.length() > 1 && !trimmed.endsWith("://")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
