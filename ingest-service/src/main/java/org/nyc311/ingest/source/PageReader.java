package org.nyc311.ingest.source;

import java.util.Optional;

/** Reads a source page by page, from the page it was opened at; empty once the window is exhausted. */
public interface PageReader extends AutoCloseable {

    Optional<Page> next();

    @Override
    void close();
}
