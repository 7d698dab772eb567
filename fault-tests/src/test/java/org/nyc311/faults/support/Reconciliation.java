package org.nyc311.faults.support;

/**
 * The figures every record-moving fault test ends with: records in at the source, landed in raw
 * S3, in silver, counted by gold, and the two that must be zero. Printed, so that a reader of the
 * test log sees what was checked; docs/RELIABILITY.md quotes them.
 *
 * @param in distinct records the source served (the independent count)
 * @param landed distinct unique keys in the raw batch parts
 * @param silver rows in silver
 * @param gold the sum of gold's daily counts (by New York date, type and borough)
 * @param lost records of the source that gold does not count
 * @param duplicated records gold counts more than once
 */
public record Reconciliation(String fault, long in, long landed, long silver, long gold, long lost, long duplicated) {

    /** These figures with one more run's added, for a test that lands several runs and counts no silver or gold. */
    public Reconciliation plusRun(long runIn, long runLanded, long runLost, long runDuplicated) {
        return new Reconciliation(
                fault, in + runIn, landed + runLanded, silver, gold, lost + runLost, duplicated + runDuplicated);
    }

    public Reconciliation print() {
        System.out.printf(
                "reconciliation [%s]: in=%d landed=%d silver=%d gold=%d lost=%d duplicated=%d%n",
                fault, in, landed, silver, gold, lost, duplicated);
        return this;
    }
}
