package org.nyc311.controller.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.nyc311.controller.run.PipelineRunRepository;
import org.nyc311.controller.run.RunCoordinator;
import org.nyc311.controller.run.RunState;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.service.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Pipeline runs, failures included, and running batches again. */
@RestController
@RequestMapping("/api/v1/runs")
class RunsController {

    private final PipelineRunRepository runs;
    private final RunCoordinator coordinator;
    private final EventJson eventJson;

    RunsController(PipelineRunRepository runs, RunCoordinator coordinator, EventJson eventJson) {
        this.runs = runs;
        this.coordinator = coordinator;
        this.eventJson = eventJson;
    }

    /** The newest runs first; {@code ?state=FAILED} for the failures. */
    @GetMapping
    List<RunView> list(@RequestParam(required = false) RunState state,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return runs.list(state, limit).stream().map(RunView::of).toList();
    }

    @GetMapping("/{id}")
    RunView get(@PathVariable UUID id) {
        return runs.find(id).map(RunView::of).orElseThrow(() -> new RunNotFoundException(id));
    }

    /**
     * Runs the given batches again, in the next run; 202 with that run. Events not recorded yet are
     * recorded first, as if they had arrived on the queue.
     */
    @PostMapping
    ResponseEntity<RunView> rerun(@Valid @RequestBody RerunRequest request) {
        List<String> ingestionRunIds = new java.util.ArrayList<>(request.ingestionRunIds());
        List<RawBatchLanded> events = request.events().stream()
                .map(node -> eventJson.read(node.toString(), RawBatchLanded.class)).toList();
        UUID joined = null;
        for (RawBatchLanded event : events) {
            java.util.Optional<UUID> run = coordinator.landed(event);
            if (run.isPresent()) {
                joined = run.get();
            } else {
                // recorded before: run it again like any other
                ingestionRunIds.add(event.ingestionRunId());
            }
        }
        UUID joinedRun = joined;
        RunView run = RunView.of(ingestionRunIds.isEmpty()
                ? runs.find(joinedRun).orElseThrow(() -> new RunNotFoundException(joinedRun))
                : coordinator.rerun(ingestionRunIds));
        return ResponseEntity.accepted().location(URI.create("/api/v1/runs/" + run.id())).body(run);
    }

    static final class RunNotFoundException extends NotFoundException {
        RunNotFoundException(UUID id) {
            super("Run not found", "no pipeline run " + id);
        }
    }
}
