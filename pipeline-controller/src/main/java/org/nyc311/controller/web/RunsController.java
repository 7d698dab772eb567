package org.nyc311.controller.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.pipeline.PipelineRunApi;
import org.nyc311.api.pipeline.PipelineRunView;
import org.nyc311.api.pipeline.RerunRequest;
import org.nyc311.controller.run.PipelineRun;
import org.nyc311.controller.run.PipelineRunRepository;
import org.nyc311.controller.run.RunCoordinator;
import org.nyc311.controller.run.RunState;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.model.pipeline.RunResult;
import org.nyc311.service.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** Pipeline runs, failures included, and running batches again; the contract is service-api's {@link PipelineRunApi}. */
@RestController
class RunsController implements PipelineRunApi {

    private final PipelineRunRepository runs;
    private final RunCoordinator coordinator;
    private final EventJson eventJson;

    RunsController(PipelineRunRepository runs, RunCoordinator coordinator, EventJson eventJson) {
        this.runs = runs;
        this.coordinator = coordinator;
        this.eventJson = eventJson;
    }

    @Override
    public List<PipelineRunView> recent(PipelineRunView.@Nullable State state, int limit) {
        return runs.list(state == null ? null : RunState.valueOf(state.name()), limit).stream()
                .map(RunsController::view)
                .toList();
    }

    @Override
    public PipelineRunView run(UUID id) {
        return runs.find(id).map(RunsController::view).orElseThrow(() -> new RunNotFoundException(id));
    }

    @Override
    public ResponseEntity<PipelineRunView> rerun(RerunRequest request) {
        List<String> ingestionRunIds = new ArrayList<>(request.ingestionRunIds());
        List<RawBatchLanded> events = request.events().stream()
                .map(node -> eventJson.read(node.toString(), RawBatchLanded.class))
                .toList();
        UUID joined = null;
        for (RawBatchLanded event : events) {
            Optional<UUID> run = coordinator.landed(event);
            if (run.isPresent()) {
                joined = run.get();
            } else {
                // recorded before: run it again like any other
                ingestionRunIds.add(event.ingestionRunId());
            }
        }
        UUID joinedRun = joined;
        PipelineRunView run = view(
                ingestionRunIds.isEmpty()
                        // the request names a batch (validated), so with no ingestion run to rerun an event joined one
                        ? runs.find(Objects.requireNonNull(joinedRun))
                                .orElseThrow(() -> new RunNotFoundException(joinedRun))
                        : coordinator.rerun(ingestionRunIds));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/runs/" + run.id()))
                .body(run);
    }

    /** The run as the API shows it; the states and reasons are the same words on both sides. */
    static PipelineRunView view(PipelineRun run) {
        return new PipelineRunView(
                run.id(),
                PipelineRunView.State.valueOf(run.state().name()),
                run.createdAt(),
                run.startedAt(),
                run.finishedAt(),
                run.attemptCount(),
                run.nextAttemptAt(),
                run.jobRunId(),
                run.error(),
                run.ingestionRunIds(),
                run.batches().stream()
                        .map(b -> new PipelineRunView.BatchView(
                                b.eventId(),
                                b.ingestionRunId(),
                                b.bucket(),
                                b.batchPrefix(),
                                b.recordCount(),
                                b.occurredAt(),
                                b.receivedAt(),
                                b.reason()))
                        .toList(),
                result(run.result()),
                run.goldRefreshedEventId());
    }

    private static PipelineRunView.@Nullable ResultView result(@Nullable RunResult result) {
        if (result == null) {
            return null;
        }
        RunResult.Silver silver = result.silver();
        return new PipelineRunView.ResultView(
                result.runId(),
                result.tableVersions(),
                result.latestCompleteDate(),
                result.newestCreatedAt(),
                result.rowCounts(),
                silver == null
                        ? null
                        : new PipelineRunView.Silver(
                                silver.recordsIn(),
                                silver.inserted(),
                                silver.updated(),
                                silver.duplicates(),
                                silver.quarantined()));
    }

    static final class RunNotFoundException extends NotFoundException {
        RunNotFoundException(UUID id) {
            super("Run not found", "no pipeline run " + id);
        }
    }
}
