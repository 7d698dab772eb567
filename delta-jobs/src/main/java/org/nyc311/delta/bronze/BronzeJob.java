package org.nyc311.delta.bronze;

import org.nyc311.delta.StageMain;

/** Bronze as its own program: {@code --lake-root L --run-id R [--raw-root P] [--source-format json|cloudFiles]}. */
public final class BronzeJob {

    private BronzeJob() {}

    public static void main(String[] args) {
        StageMain.run("bronze", args, new BronzeStage());
    }
}
