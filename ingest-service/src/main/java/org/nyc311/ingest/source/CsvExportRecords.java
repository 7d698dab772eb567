package org.nyc311.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Open Data portal's CSV export, turned into the records SODA would have returned: display
 * names become field names ({@code Unique Key} to {@code unique_key}), {@code 02/28/2023 11:45:00 PM}
 * becomes {@code 2023-02-28T23:45:00.000}, every value stays a string, empty cells are left out as
 * SODA leaves out nulls, and {@code Location} {@code (lat, lon)} becomes SODA's location object.
 */
final class CsvExportRecords implements FileSource.FileRecords {

    /**
     * The portal's computed region columns: derived by the portal from the location, returned by SODA
     * only as {@code :@computed_region_*} when asked for; not part of the record.
     */
    static final Set<String> PORTAL_COMPUTED_COLUMNS = Set.of(
            "Zip Codes", "Community Districts", "Borough Boundaries", "City Council Districts", "Police Precincts");

    static final Set<String> TIMESTAMP_FIELDS =
            Set.of("created_date", "closed_date", "due_date", "resolution_action_updated_date");

    private static final Pattern POINT = Pattern.compile("\\(\\s*(-?[0-9.]+)\\s*,\\s*(-?[0-9.]+)\\s*\\)");

    private final MappingIterator<List<String>> rows;
    private final BufferedReader reader;
    private final Path path;
    private final ObjectMapper mapper;
    private final String[] fields;
    private long rowNumber;

    CsvExportRecords(BufferedReader reader, Path path, ObjectMapper mapper) {
        this.reader = reader;
        this.path = path;
        this.mapper = mapper;
        try {
            CsvMapper csv = new CsvMapper();
            this.rows = csv.readerForListOf(String.class)
                    .with(CsvParser.Feature.WRAP_AS_ARRAY)
                    .readValues(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        if (!rows.hasNext()) {
            throw new SourceFailedException(path + " is empty: a CSV export starts with its header");
        }
        List<String> header = rows.next();
        if (!header.contains("Unique Key") || !header.contains("Created Date")) {
            throw new SourceFailedException(
                    path + " is not an Open Data CSV export: its header lacks 'Unique Key' or 'Created Date'");
        }
        this.fields = header.stream()
                .map(name -> PORTAL_COMPUTED_COLUMNS.contains(name) ? null : fieldName(name))
                .toArray(String[]::new);
    }

    /** {@code X Coordinate (State Plane)} to {@code x_coordinate_state_plane}: the API's field names. */
    static String fieldName(String displayName) {
        return displayName
                .strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_|_$", "");
    }

    @Override
    public boolean hasNext() {
        try {
            return rows.hasNextValue();
        } catch (IOException e) {
            throw new SourceFailedException(
                    path + " after row " + rowNumber + " is not valid CSV: " + e.getMessage(), e);
        }
    }

    @Override
    public SourceRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<String> row;
        try {
            row = rows.nextValue();
        } catch (IOException e) {
            throw new SourceFailedException(
                    path + " after row " + rowNumber + " is not valid CSV: " + e.getMessage(), e);
        }
        rowNumber++;
        if (row.size() != fields.length) {
            throw new SourceFailedException(
                    path + " row " + rowNumber + " has " + row.size() + " cells; the header has " + fields.length);
        }
        ObjectNode record = mapper.createObjectNode();
        for (int i = 0; i < fields.length; i++) {
            String field = fields[i];
            String value = row.get(i);
            if (field == null || value == null || value.isEmpty()) {
                continue;
            }
            if (field.equals("location")) {
                Matcher point = POINT.matcher(value);
                if (point.matches()) {
                    ObjectNode location = record.putObject("location");
                    location.put("latitude", point.group(1));
                    location.put("longitude", point.group(2));
                }
                continue;
            }
            record.put(field, TIMESTAMP_FIELDS.contains(field) ? SodaTimestamps.fromCsvExport(value) : value);
        }
        try {
            return new SourceRecord(
                    mapper.writeValueAsString(record),
                    SodaTimestamps.parse(record.path("created_date").asText(null)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a record just built", e);
        }
    }

    @Override
    public void close() {
        try {
            rows.close();
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
