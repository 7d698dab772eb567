package org.nyc311.ingest.run;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nyc311.ingest.source.SourceFailedException;

/** The one sentence a person reads to know why a run failed. */
final class FailureReasons {

    private FailureReasons() {}

    static @Nullable String of(List<Throwable> failures) {
        if (failures.isEmpty()) {
            return "the run stopped before completing (no exception recorded)";
        }
        Throwable first = failures.get(0);
        for (Throwable t = first; t != null; t = t.getCause()) {
            if (t instanceof SourceFailedException) {
                return t.getMessage();
            }
        }
        Throwable root = first;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = first.getClass().getSimpleName() + ": " + first.getMessage();
        return root == first
                ? message
                : message + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
