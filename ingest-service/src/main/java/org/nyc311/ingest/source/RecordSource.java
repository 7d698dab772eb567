package org.nyc311.ingest.source;

import org.jspecify.annotations.Nullable;
import org.nyc311.model.ingest.IngestionWindow;

/** Where records come from: the SODA API or a file. Both page the same way so that everything downstream is one path. */
public interface RecordSource {

    /**
     * Opens a reader over the window starting at {@code startPage}, after the key {@code after} of the
     * last landed page (null at the start, and for files, which page by count over fixed content): a
     * resumed run goes on after its last landed page and misses nothing it would have got in one go.
     */
    PageReader open(IngestionWindow window, int pageSize, int startPage, @Nullable PageKey after);

    /** {@code api} or {@code file}: a metric tag and a word for progress lines. */
    String kind();
}
