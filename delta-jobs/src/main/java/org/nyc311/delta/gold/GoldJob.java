package org.nyc311.delta.gold;

import org.nyc311.delta.StageMain;

/** Gold as its own program: {@code --lake-root L --run-id R [--gold-retention-days N]}. */
public final class GoldJob {

    private GoldJob() {}

    public static void main(String[] args) {
        StageMain.run("gold", args, new GoldStage());
    }
}
