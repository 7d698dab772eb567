package org.nyc311.model.gold.extract;

import static org.nyc311.model.gold.GoldColumns.BOROUGH_KEY;
import static org.nyc311.model.gold.GoldColumns.COMPLAINT_TYPE;
import static org.nyc311.model.gold.GoldColumns.COMPLAINT_TYPE_KEY;
import static org.nyc311.model.gold.GoldColumns.COUNT;
import static org.nyc311.model.gold.GoldColumns.DATE;
import static org.nyc311.model.gold.GoldColumns.DAYS;
import static org.nyc311.model.gold.GoldColumns.FIRST_DATE;
import static org.nyc311.model.gold.GoldColumns.FORECASTABLE;
import static org.nyc311.model.gold.GoldColumns.LAST_DATE;
import static org.nyc311.model.gold.GoldColumns.LAST_NONZERO_DATE;
import static org.nyc311.model.gold.GoldColumns.LEVEL;
import static org.nyc311.model.gold.GoldColumns.MEAN_COUNT;
import static org.nyc311.model.gold.GoldColumns.SERIES_ID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads the extract's files: gzipped CSV (RFC 4180, a header naming gold's columns, a field quoted only where
 * it must be, dates ISO, an absent date empty) and the manifest's JSON. The header is checked on read, so that a file
 * of another layout fails by name instead of filling the wrong fields.
 */
public final class GoldExtractFiles {

    /** The daily series file's columns, in order. */
    public static final List<String> DAILY_SERIES_COLUMNS = List.of(SERIES_ID, DATE, COUNT);

    /** The catalog file's columns, in order: {@link CatalogRow}'s components. */
    public static final List<String> CATALOG_COLUMNS = List.of(
            SERIES_ID,
            LEVEL,
            COMPLAINT_TYPE_KEY,
            COMPLAINT_TYPE,
            BOROUGH_KEY,
            FIRST_DATE,
            LAST_DATE,
            LAST_NONZERO_DATE,
            MEAN_COUNT,
            DAYS,
            FORECASTABLE);

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldExtractFiles() {}

    /** Writes the daily series rows, gzipped, closes {@code out} and returns how many rows it wrote. */
    public static long writeDailySeries(OutputStream out, Iterator<DailySeriesRow> rows) throws IOException {
        return write(out, DAILY_SERIES_COLUMNS, rows, row ->
                new String[] {row.seriesId(), row.date().toString(), Long.toString(row.count())});
    }

    /** Writes the catalog rows, gzipped, closes {@code out} and returns how many rows it wrote. */
    public static long writeCatalog(OutputStream out, Iterator<CatalogRow> rows) throws IOException {
        return write(out, CATALOG_COLUMNS, rows, row -> new String[] {
            row.seriesId(),
            row.level(),
            row.complaintTypeKey(),
            row.complaintType(),
            row.boroughKey(),
            text(row.firstDate()),
            text(row.lastDate()),
            text(row.lastNonzeroDate()),
            Double.toString(row.meanCount()),
            Long.toString(row.days()),
            Boolean.toString(row.forecastable())
        });
    }

    private static <T> long write(
            OutputStream out, List<String> columns, Iterator<T> rows, Function<T, String[]> fields) throws IOException {
        long written = 0;
        try (Writer text = gzipText(out);
                SequenceWriter csv = CSV.writer(schema(columns)).writeValues(text)) {
            while (rows.hasNext()) {
                csv.write(fields.apply(rows.next()));
                written++;
            }
        }
        return written;
    }

    /**
     * Reads a daily series file, handing each row to {@code sink} (millions of rows: never held as a list here).
     *
     * @return the rows read
     * @throws IOException on a broken stream, a header that is not {@link #DAILY_SERIES_COLUMNS} or a malformed row
     */
    public static long readDailySeries(InputStream in, Consumer<DailySeriesRow> sink) throws IOException {
        long read = 0;
        try (MappingIterator<String[]> rows = rows(in, DAILY_SERIES_COLUMNS, "daily series")) {
            while (rows.hasNextValue()) {
                String[] row = rows.nextValue();
                requireWidth(row, DAILY_SERIES_COLUMNS, "daily series", read);
                try {
                    sink.accept(new DailySeriesRow(row[0], LocalDate.parse(row[1]), Long.parseLong(row[2])));
                } catch (RuntimeException e) {
                    throw new IOException("daily series row " + (read + 1) + " is malformed: " + e.getMessage(), e);
                }
                read++;
            }
        }
        return read;
    }

    /** Reads a catalog file. */
    public static List<CatalogRow> readCatalog(InputStream in) throws IOException {
        List<CatalogRow> catalog = new ArrayList<>();
        try (MappingIterator<String[]> rows = rows(in, CATALOG_COLUMNS, "series catalog")) {
            while (rows.hasNextValue()) {
                String[] row = rows.nextValue();
                requireWidth(row, CATALOG_COLUMNS, "series catalog", catalog.size());
                try {
                    catalog.add(new CatalogRow(
                            row[0],
                            row[1],
                            row[2],
                            row[3],
                            row[4],
                            date(row[5]),
                            date(row[6]),
                            date(row[7]),
                            Double.parseDouble(row[8]),
                            Long.parseLong(row[9]),
                            Boolean.parseBoolean(row[10])));
                } catch (RuntimeException e) {
                    throw new IOException(
                            "series catalog row " + (catalog.size() + 1) + " is malformed: " + e.getMessage(), e);
                }
            }
        }
        return catalog;
    }

    /** The manifest as JSON; plain Jackson, since the job runs on Spark's Jackson without the java.time module. */
    public static byte[] manifestJson(GoldExtractManifest manifest) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dailySeriesVersion", manifest.dailySeriesVersion());
        json.put("seriesCatalogVersion", manifest.seriesCatalogVersion());
        json.put("dailySeries", manifest.dailySeries());
        json.put("seriesCatalog", manifest.seriesCatalog());
        json.put("dailySeriesRows", manifest.dailySeriesRows());
        json.put("seriesCatalogRows", manifest.seriesCatalogRows());
        json.put("writtenAt", text(manifest.writtenAt()));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    }

    /**
     * Reads a manifest.
     *
     * @throws IOException when it is not JSON or lacks a field
     */
    public static GoldExtractManifest readManifest(byte[] body) throws IOException {
        JsonNode json = JSON.readTree(body);
        if (json == null || !json.isObject()) {
            throw new IOException("the gold extract's manifest is not a JSON object");
        }
        String writtenAt = json.path("writtenAt").asText("");
        try {
            return new GoldExtractManifest(
                    number(json, "dailySeriesVersion"),
                    number(json, "seriesCatalogVersion"),
                    required(json, "dailySeries").asText(),
                    required(json, "seriesCatalog").asText(),
                    number(json, "dailySeriesRows"),
                    number(json, "seriesCatalogRows"),
                    writtenAt.isEmpty() ? null : Instant.parse(writtenAt));
        } catch (DateTimeException e) {
            throw new IOException(
                    "the gold extract's manifest has a writtenAt that is not an instant: " + writtenAt, e);
        }
    }

    private static long number(JsonNode json, String field) throws IOException {
        JsonNode value = required(json, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IOException(
                    "the gold extract's manifest has a " + field + " that is not a whole number: " + value);
        }
        return value.asLong();
    }

    private static JsonNode required(JsonNode json, String field) throws IOException {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new IOException("the gold extract's manifest has no " + field);
        }
        return value;
    }

    private static MappingIterator<String[]> rows(InputStream in, List<String> columns, String what)
            throws IOException {
        Reader text = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(in, 1 << 16), StandardCharsets.UTF_8), 1 << 16);
        MappingIterator<String[]> rows = CSV.readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(text);
        if (!rows.hasNextValue()) {
            rows.close();
            throw new IOException("the " + what + " file is empty: no header " + columns);
        }
        List<String> header = List.of(rows.nextValue());
        if (!header.equals(columns)) {
            rows.close();
            throw new IOException("the " + what + " file's header is " + header + ", not " + columns);
        }
        return rows;
    }

    private static void requireWidth(String[] row, List<String> columns, String what, long before) throws IOException {
        if (row.length != columns.size()) {
            throw new IOException(
                    what + " row " + (before + 1) + " has " + row.length + " fields, not " + columns.size());
        }
    }

    private static CsvSchema schema(List<String> columns) {
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(column -> schema.addColumn(column, CsvSchema.ColumnType.STRING));
        return schema.build().withHeader().withLineSeparator("\n");
    }

    private static Writer gzipText(OutputStream out) throws IOException {
        return new BufferedWriter(
                new OutputStreamWriter(new GZIPOutputStream(out, 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    private static @Nullable LocalDate date(String value) {
        return value.isEmpty() ? null : LocalDate.parse(value);
    }
}
