package org.nyc311.delta;

import org.nyc311.model.gold.GoldTables;

/**
 * Where everything lives under one lake root (a directory locally, {@code s3://bucket} in production).
 * Table paths are relative to the root and can be renamed per table with {@code --table-<name> path}.
 */
public record LakeLayout(
        String root,
        String rawRoot,
        String bronzeRequests,
        String silverRequests,
        String silverQuarantine,
        String pipelineMetrics,
        String goldDailyRequests,
        String goldDailySeries,
        String goldSeriesCatalog) {

    public static LakeLayout from(JobArgs args) {
        String root = trimSlash(args.required("lake-root"));
        return new LakeLayout(
                root,
                trimSlash(args.get("raw-root", root + "/raw/nyc311")),
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

    private static String table(JobArgs args, String root, String name, String fallback) {
        return root + "/" + trimSlash(args.get("table-" + name, fallback));
    }

    private static String trimSlash(String path) {
        String trimmed = path.strip();
        while (trimmed.endsWith("/") && trimmed.length() > 1 && !trimmed.endsWith("://")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
