package org.nyc311.forecast.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.nyc311.forecast.DailySeries;

/**
 * Reads the engine's input format, {@code series_id,date,count} with a header, any number of series
 * in any row order. A series runs from its first to its last date; days in between that have no row
 * are zeros. Every line is checked before anything is computed, and the first problem is reported
 * with its line number. RFC 4180 through Jackson's CSV: a quoted field may hold commas, quotes and
 * line breaks.
 */
public final class SeriesCsv {

    static final String SERIES_ID = "series_id";
    static final String DATE = "date";
    static final String COUNT = "count";

    private SeriesCsv() {}

    public static Map<String, DailySeries> read(Path file) throws IOException, InputFormatException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<List<String>> rows = new CsvMapper()
                        .readerForListOf(String.class)
                        .with(CsvParser.Feature.WRAP_AS_ARRAY)
                        .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                        .readValues(reader)) {
            Line header = next(rows, 1);
            if (header == null) {
                throw new InputFormatException(1, "the file is empty; expected a header series_id,date,count");
            }
            List<String> columns = new ArrayList<>(header.fields());
            columns.set(0, stripBom(columns.get(0)));
            int idCol = indexOf(columns, SERIES_ID);
            int dateCol = indexOf(columns, DATE);
            int countCol = indexOf(columns, COUNT);
            List<String> missing = new ArrayList<>();
            if (idCol < 0) {
                missing.add(SERIES_ID);
            }
            if (dateCol < 0) {
                missing.add(DATE);
            }
            if (countCol < 0) {
                missing.add(COUNT);
            }
            if (!missing.isEmpty()) {
                throw new InputFormatException(
                        1,
                        "missing column(s) " + String.join(", ", missing) + " in header '" + String.join(",", columns)
                                + "'; expected series_id,date,count");
            }
            Map<String, TreeMap<LocalDate, Double>> bySeries = new LinkedHashMap<>();
            long lineNo = header.number();
            Line line;
            while ((line = next(rows, rows.getParser().currentLocation().getLineNr())) != null) {
                lineNo = line.number();
                List<String> fields = line.fields();
                if (fields.size() != columns.size()) {
                    throw new InputFormatException(
                            lineNo, "expected " + columns.size() + " fields, found " + fields.size());
                }
                String id = fields.get(idCol).trim();
                if (id.isEmpty()) {
                    throw new InputFormatException(lineNo, "empty series_id");
                }
                LocalDate date = parseDate(fields.get(dateCol).trim(), lineNo);
                double count = parseCount(fields.get(countCol).trim(), lineNo);
                Double previous =
                        bySeries.computeIfAbsent(id, k -> new TreeMap<>()).putIfAbsent(date, count);
                if (previous != null) {
                    throw new InputFormatException(lineNo, "duplicate date " + date + " for series '" + id + "'");
                }
            }
            if (bySeries.isEmpty()) {
                throw new InputFormatException(lineNo, "no data rows after the header");
            }
            Map<String, DailySeries> out = new LinkedHashMap<>();
            bySeries.forEach((id, days) -> out.put(id, toSeries(days)));
            return out;
        }
    }

    /** A record of the file and the line it starts on (a quoted field may span lines). */
    private record Line(long number, List<String> fields) {}

    /**
     * The next record, or null at the end. {@code startsOn} is the parser's position after the record
     * before, which is where this one starts: blank lines are skipped before it is taken.
     */
    private static @Nullable Line next(MappingIterator<List<String>> rows, long startsOn) throws InputFormatException {
        try {
            return rows.hasNextValue() ? new Line(startsOn, rows.nextValue()) : null;
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new InputFormatException(startsOn, "not valid CSV: " + reason);
        }
    }

    /**
     * Writes the file whole or not at all: rows go to a temporary file beside the target, which is
     * then moved into place, so a failure never leaves a partial output behind. The file is CSV with
     * this header, a field quoted only where it must be (a comma, quote or line break: the rules
     * {@link #read} follows), lines ending in a line feed.
     */
    public static void writeAtomically(Path target, List<String> header, RowWriter rows) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                CsvSchema schema = CsvSchema.builder()
                        .addColumns(header, CsvSchema.ColumnType.STRING)
                        .build()
                        .withHeader()
                        .withLineSeparator("\n");
                // the temporary file is closed here, after the writer has flushed, not by the CSV writer
                try (SequenceWriter csv = new CsvMapper()
                        .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                        .writer(schema)
                        .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                        .writeValues(w)) {
                    rows.write(fields -> csv.write(fields));
                }
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes the rows of a file. */
    @FunctionalInterface
    public interface RowWriter {
        void write(Rows rows) throws IOException;
    }

    /** The rows of one CSV file, one call per row, its fields in the header's order. */
    @FunctionalInterface
    public interface Rows {
        void row(String... fields) throws IOException;
    }

    /** A computed value as the commands write it: three decimals, {@code NaN} when undefined. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static DailySeries toSeries(TreeMap<LocalDate, Double> days) {
        LocalDate first = days.firstKey();
        int length = (int) (days.lastKey().toEpochDay() - first.toEpochDay()) + 1;
        double[] counts = new double[length];
        days.forEach((d, c) -> counts[(int) (d.toEpochDay() - first.toEpochDay())] = c);
        return new DailySeries(first, counts);
    }

    private static LocalDate parseDate(String s, long line) throws InputFormatException {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new InputFormatException(line, "cannot parse date '" + s + "'; expected yyyy-MM-dd");
        }
    }

    private static double parseCount(String s, long line) throws InputFormatException {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InputFormatException(line, "cannot parse count '" + s + "' as a number");
        }
        if (!Double.isFinite(v)) {
            throw new InputFormatException(line, "count '" + s + "' is not a finite number");
        }
        if (v < 0) {
            throw new InputFormatException(line, "negative count " + s);
        }
        return v;
    }

    private static int indexOf(List<String> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
