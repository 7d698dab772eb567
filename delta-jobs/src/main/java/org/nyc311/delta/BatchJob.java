package org.nyc311.delta;

import java.util.ArrayList;
import java.util.List;
import org.nyc311.delta.bronze.BronzeStage;
import org.nyc311.delta.gold.ExportGold;
import org.nyc311.delta.gold.GoldStage;
import org.nyc311.delta.maintenance.MaintenanceStage;
import org.nyc311.delta.silver.SilverStage;

/**
 * Bronze, silver and gold in one JVM with one Spark start, then the lake's upkeep when it is due
 * ({@link MaintenanceStage}, weekly by default): the local way to run a batch. Takes the union of the
 * stages' arguments, plus {@code --spark-master local[*]} (sets the master only if given)
 * and {@code --export-gold FILE} (then gold's daily counts as CSV, as {@link ExportGold} writes them,
 * without a second Spark start).
 */
public final class BatchJob {

    private BatchJob() {}

    public static void main(String[] args) {
        List<Stage> stages =
                new ArrayList<>(List.of(new BronzeStage(), new SilverStage(), new GoldStage(), new MaintenanceStage()));
        if (List.of(args).stream().anyMatch(a -> a.equals("--export-gold") || a.startsWith("--export-gold="))) {
            stages.add(new ExportGold("export-gold"));
        }
        StageMain.run("batch", args, stages.toArray(Stage[]::new));
    }
}
