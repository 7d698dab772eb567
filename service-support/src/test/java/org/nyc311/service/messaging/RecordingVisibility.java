package org.nyc311.service.messaging;

import io.awspring.cloud.sqs.listener.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Spring Cloud AWS's handle on one received message, as a list of the visibility timeouts asked for. */
final class RecordingVisibility implements Visibility {

    final List<Integer> changes = new ArrayList<>();

    @Override
    public CompletableFuture<Void> changeToAsync(int seconds) {
        changes.add(seconds);
        return CompletableFuture.completedFuture(null);
    }
}
