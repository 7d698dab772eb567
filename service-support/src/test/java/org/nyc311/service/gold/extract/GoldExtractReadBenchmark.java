package org.nyc311.service.gold.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nyc311.model.gold.extract.GoldExtractFiles;
import org.nyc311.model.gold.extract.GoldExtractLayout;
import org.nyc311.model.gold.extract.GoldExtractManifest;

/**
 * How long a service takes to read a lake's gold extract into memory, and how much heap the extract keeps: a CLI run
 * for docs/BENCHMARKS.md, not a test. Reads the files from the lake folder (locally s3proxy's folder of the bucket),
 * so the figure is parsing and folding, without S3's transfer.
 *
 * <pre>
 * java -cp service-support/target/test-classes:service-support/target/classes:$(cat cp.txt) \
 *     org.nyc311.service.gold.extract.GoldExtractReadBenchmark LAKE_FOLDER [RUNS]
 * </pre>
 */
public final class GoldExtractReadBenchmark {

    private GoldExtractReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: GoldExtractReadBenchmark LAKE_FOLDER [RUNS]");
            System.exit(2);
        }
        Path lake = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        GoldExtractManifest manifest =
                GoldExtractFiles.readManifest(Files.readAllBytes(lake.resolve(GoldExtractLayout.MANIFEST)));
        System.out.printf(
                "extract %s: %d daily series rows (%,d bytes), %d catalog rows (%,d bytes)%n",
                GoldExtractLayout.folder(manifest.dailySeriesVersion(), manifest.seriesCatalogVersion()),
                manifest.dailySeriesRows(),
                Files.size(lake.resolve(manifest.dailySeries())),
                manifest.seriesCatalogRows(),
                Files.size(lake.resolve(manifest.seriesCatalog())));
        List<Long> millis = new ArrayList<>();
        GoldExtract kept = null;
        for (int run = 0; run < runs; run++) {
            kept = null;
            long heapBefore = usedHeapAfterGc();
            long started = System.nanoTime();
            kept = read(lake, manifest);
            millis.add((System.nanoTime() - started) / 1_000_000);
            long heapAfter = usedHeapAfterGc();
            System.out.printf(
                    "run %d: %d ms, %d series, heap kept %.1f MB%n",
                    run + 1, millis.get(run), kept.seriesIds().size(), (heapAfter - heapBefore) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf(
                "median of %d runs: %d ms (min %d, max %d)%n",
                runs, millis.get(runs / 2), millis.get(0), millis.get(runs - 1));
    }

    private static GoldExtract read(Path lake, GoldExtractManifest manifest) throws IOException {
        try (InputStream daily = Files.newInputStream(lake.resolve(manifest.dailySeries()));
                InputStream catalog = Files.newInputStream(lake.resolve(manifest.seriesCatalog()))) {
            return GoldExtract.read(manifest, daily, catalog);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
