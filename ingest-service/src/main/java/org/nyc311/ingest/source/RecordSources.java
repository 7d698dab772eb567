package org.nyc311.ingest.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nyc311.ingest.config.IngestProperties;
import org.springframework.stereotype.Component;

/** Turns a run's source, {@code api} or a file path, into the {@link RecordSource} that reads it. */
@Component
public class RecordSources {

    public static final String API = "api";

    private final SodaSource soda;
    private final ObjectMapper mapper;

    public RecordSources(SodaSource soda) {
        this.soda = soda;
        // a plain mapper: how the application formats its JSON must never change a raw record
        this.mapper = new ObjectMapper();
    }

    public RecordSource forSource(String source) {
        if (API.equals(source)) {
            return soda;
        }
        Path path = IngestProperties.filePath(source);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(
                    "source file " + path + " does not exist (sources are 'api' or a file path)");
        }
        return new FileSource(path, mapper);
    }
}
