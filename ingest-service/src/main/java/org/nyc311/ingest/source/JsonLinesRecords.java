package org.nyc311.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/** SODA-shaped JSON lines: each non-blank line one record, kept byte for byte as the file has it. */
final class JsonLinesRecords implements FileSource.FileRecords {

    private final BufferedReader reader;
    private final Path path;
    private final ObjectMapper mapper;
    private long lineNumber;
    private @Nullable SourceRecord ahead;

    JsonLinesRecords(BufferedReader reader, Path path, ObjectMapper mapper) {
        this.reader = reader;
        this.path = path;
        this.mapper = mapper;
        this.ahead = read();
    }

    @Override
    public boolean hasNext() {
        return ahead != null;
    }

    @Override
    public SourceRecord next() {
        if (ahead == null) {
            throw new NoSuchElementException();
        }
        SourceRecord current = ahead;
        ahead = read();
        return current;
    }

    private @Nullable SourceRecord read() {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = mapper.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new SourceFailedException(
                            path + " line " + lineNumber + " is malformed JSON: " + e.getOriginalMessage(), e);
                }
                if (node == null || !node.isObject()) {
                    throw new SourceFailedException(path + " line " + lineNumber + " is not a JSON object");
                }
                return new SourceRecord(
                        text, SodaTimestamps.parse(node.path("created_date").asText(null)));
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " at line " + lineNumber, e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
