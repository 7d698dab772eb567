package org.nyc311.delta;

import org.nyc311.delta.bronze.BronzeStage;
import org.nyc311.delta.gold.GoldStage;
import org.nyc311.delta.silver.SilverStage;

/**
 * Bronze, silver and gold in one JVM with one Spark start: the local way to run a batch. Takes the
 * union of the stages' arguments, plus {@code --spark-master local[*]} (sets the master only if given).
 */
public final class BatchJob {

    private BatchJob() {
    }

    public static void main(String[] args) {
        StageMain.run("batch", args, new BronzeStage(), new SilverStage(), new GoldStage());
    }
}
