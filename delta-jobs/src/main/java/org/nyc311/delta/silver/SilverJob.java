package org.nyc311.delta.silver;

import org.nyc311.delta.StageMain;

/** Silver as its own program: {@code --lake-root L --run-id R}. */
public final class SilverJob {

    private SilverJob() {}

    public static void main(String[] args) {
        StageMain.run("silver", args, new SilverStage());
    }
}
