package org.nyc311.ingest.source;

import org.nyc311.model.ingest.IngestionWindow;

/** Where records come from: the SODA API or a file. Both page the same way so that everything downstream is one path. */
public interface RecordSource {

    /**
     * Opens a reader over the window starting at {@code startPage}: a resumed run asks for the page
     * after its last landed one and gets exactly the records it would have got in one go.
     */
    PageReader open(IngestionWindow window, int pageSize, int startPage);

    /** {@code api} or {@code file}: a metric tag and a word for progress lines. */
    String kind();
}
