package org.nyc311.ingest.run;

/** Published in the application when a run (new or resumed) is launched: the CLI's first progress line. */
public record RunStarted(IngestionRun run) {}
