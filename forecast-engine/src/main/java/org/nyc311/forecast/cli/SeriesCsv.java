package org.nyc311.forecast.cli;

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
import org.nyc311.forecast.DailySeries;

/**
 * Reads the engine's input format, {@code series_id,date,count} with a header, any number of series
 * in any row order. A series runs from its first to its last date; days in between that have no row
 * are zeros. Every line is checked before anything is computed, and the first problem is reported
 * with its line number.
 */
public final class SeriesCsv {

    static final String SERIES_ID = "series_id";
    static final String DATE = "date";
    static final String COUNT = "count";

    private SeriesCsv() {
    }

    public static Map<String, DailySeries> read(Path file) throws IOException, InputFormatException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new InputFormatException(1, "the file is empty; expected a header series_id,date,count");
            }
            List<String> columns = split(stripBom(header), 1);
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
                throw new InputFormatException(1, "missing column(s) " + String.join(", ", missing)
                        + " in header '" + header + "'; expected series_id,date,count");
            }
            Map<String, TreeMap<LocalDate, Double>> bySeries = new LinkedHashMap<>();
            String raw;
            long lineNo = 1;
            while ((raw = reader.readLine()) != null) {
                lineNo++;
                if (raw.isBlank()) {
                    continue;
                }
                List<String> fields = split(raw, lineNo);
                if (fields.size() != columns.size()) {
                    throw new InputFormatException(lineNo, "expected " + columns.size() + " fields, found "
                            + fields.size());
                }
                String id = fields.get(idCol).trim();
                if (id.isEmpty()) {
                    throw new InputFormatException(lineNo, "empty series_id");
                }
                LocalDate date = parseDate(fields.get(dateCol).trim(), lineNo);
                double count = parseCount(fields.get(countCol).trim(), lineNo);
                Double previous = bySeries.computeIfAbsent(id, k -> new TreeMap<>()).putIfAbsent(date, count);
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

    /**
     * Writes the file whole or not at all: rows go to a temporary file beside the target, which is
     * then moved into place, so a failure never leaves a partial output behind.
     */
    public static void writeAtomically(Path target, RowWriter rows) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                rows.write(w);
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

    /** Writes CSV rows. */
    @FunctionalInterface
    public interface RowWriter {
        void write(Writer writer) throws IOException;
    }

    /** A computed value as the commands write it: three decimals, {@code NaN} when undefined. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** Quotes a field when it holds a comma, quote or line break (the rules {@link #read} follows). */
    public static String field(String v) {
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
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

    /** RFC 4180 fields of one line: commas separate, double quotes enclose, "" is a quote. */
    static List<String> split(String line, long lineNo) throws InputFormatException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new InputFormatException(lineNo, "unterminated quoted field");
        }
        out.add(cur.toString());
        return out;
    }
}
