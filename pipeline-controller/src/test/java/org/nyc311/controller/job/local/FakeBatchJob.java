package org.nyc311.controller.job.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A stand-in for delta-jobs' BatchJob with the same command line, for tests of the child-process
 * handling: it writes a result.json as the real job does, or fails, or hangs, as {@code -Dfake.mode} says.
 */
public final class FakeBatchJob {

    public static void main(String[] args) throws Exception {
        Map<String, String> named = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            named.put(args[i].substring(2), args[i + 1]);
        }
        String runId = named.get("run-id");
        Path lakeRoot = Path.of(named.get("lake-root"));
        System.out.println(
                "fake batch job: master " + named.get("spark-master") + ", run " + runId + ", lake " + lakeRoot);
        String mode = System.getProperty("fake.mode", "succeed");
        switch (mode) {
            case "fail" -> {
                System.err.println("fake batch job: silver MERGE failed on purpose");
                System.exit(3);
            }
            case "hang" -> {
                Files.writeString(
                        lakeRoot.resolve("hanging-" + runId + ".pid"),
                        Long.toString(ProcessHandle.current().pid()));
                Thread.sleep(Long.MAX_VALUE);
            }
            case "no-result" -> System.out.println("fake batch job: exiting 0 without a result");
            default -> writeResult(lakeRoot, runId);
        }
    }

    private static void writeResult(Path lakeRoot, String runId) throws IOException {
        Path result = lakeRoot.resolve("_pipeline_runs").resolve(runId).resolve("result.json");
        Files.createDirectories(result.getParent());
        Files.writeString(result, """
                {
                  "runId" : "%s",
                  "tableVersions" : { "daily_requests" : 4, "daily_series" : 4, "series_catalog" : 2, "daily_features" : 3 },
                  "latestCompleteDate" : "2026-06-27",
                  "newestCreatedAt" : "2026-06-28T13:05:00Z",
                  "rowCounts" : { "daily_requests" : 120, "daily_series" : 340, "series_catalog" : 41, "daily_features" : 340 },
                  "silver" : { "recordsIn" : 11, "inserted" : 9, "updated" : 1, "duplicates" : 1, "quarantined" : 0, "touchedDates" : [ "2026-04-11" ] }
                }
                """.formatted(runId), StandardCharsets.UTF_8);
        System.out.println("fake batch job: wrote " + result);
    }
}
