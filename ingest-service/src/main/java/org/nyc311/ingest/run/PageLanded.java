package org.nyc311.ingest.run;

import org.nyc311.ingest.landing.LandedPart;

/** Published in the application after each part lands: the CLI prints it as progress. */
public record PageLanded(String runId, LandedPart part, long recordsSoFar) {
}
