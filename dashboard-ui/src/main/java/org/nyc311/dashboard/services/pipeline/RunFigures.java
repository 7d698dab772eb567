package org.nyc311.dashboard.services.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.nyc311.api.pipeline.PipelineRunView;

/** What the dashboard reads off a pipeline run beyond its fields: how long it took, how much it carried, how fresh. */
public final class RunFigures {

    private RunFigures() {}

    /** From the first attempt's start to the end; still counting while the run runs. */
    public static Optional<Duration> duration(PipelineRunView run, Instant now) {
        if (run.startedAt() == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(run.startedAt(), run.finishedAt() == null ? now : run.finishedAt()));
    }

    public static long records(PipelineRunView run) {
        return run.batches() == null
                ? 0
                : run.batches().stream()
                        .mapToLong(PipelineRunView.BatchView::recordCount)
                        .sum();
    }

    public static Optional<Long> quarantined(PipelineRunView run) {
        return Optional.ofNullable(run.result())
                .map(PipelineRunView.ResultView::silver)
                .map(PipelineRunView.Silver::quarantined);
    }

    /** How old the newest request in gold was when this run finished: the data's freshness. */
    public static Optional<Instant> newestData(PipelineRunView run) {
        return Optional.ofNullable(run.result()).map(PipelineRunView.ResultView::newestCreatedAt);
    }
}
