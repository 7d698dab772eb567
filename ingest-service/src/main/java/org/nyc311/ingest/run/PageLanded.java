package org.nyc311.ingest.run;

import org.nyc311.ingest.landing.LandedPart;

/**
 * Published in the application after each part lands (staged, committed): the CLI prints it as progress.
 *
 * @param stagedKey where the page waits until the batch is published to {@code part.key()}
 */
public record PageLanded(String runId, LandedPart part, String stagedKey, long recordsSoFar) {}
