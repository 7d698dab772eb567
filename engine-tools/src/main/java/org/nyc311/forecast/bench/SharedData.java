package org.nyc311.forecast.bench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nyc311.forecast.DailySeries;

/**
 * Finds the real NYC 311 data that lives beside the repository, never inside it: the system
 * property {@code nyc311.shared-data}, else {@code ../shared/data} relative to the project root
 * (the directory holding {@code mvnw}, found upward from the working directory).
 */
public final class SharedData {

    public static final String PROPERTY = "nyc311.shared-data";
    public static final List<String> SERIES =
            List.of("citywide_all_types", "street_flooding_citywide", "noise_residential_brooklyn");

    private SharedData() {}

    public static Optional<Path> locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isDirectory(p.resolve("series")) ? Optional.of(p) : Optional.empty();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return Optional.empty();
        }
        Path p = dir.resolve("../shared/data").normalize();
        return Files.isDirectory(p.resolve("series")) ? Optional.of(p) : Optional.empty();
    }

    /** Reads {@code series/<name>.csv}: a {@code date,count} header, then consecutive days. */
    public static DailySeries readSeries(Path dataDir, String name) throws IOException {
        CsvSchema header = CsvSchema.emptySchema().withHeader();
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = new CsvMapper()
                .readerForMapOf(String.class)
                .with(header)
                .readValues(dataDir.resolve("series").resolve(name + ".csv").toFile())) {
            rows = it.readAll();
        }
        double[] counts = new double[rows.size()];
        LocalDate start = null;
        for (int i = 0; i < rows.size(); i++) {
            LocalDate date = LocalDate.parse(column(rows.get(i), "date"));
            if (start == null) {
                start = date;
            } else if (!date.equals(start.plusDays(i))) {
                throw new IOException(name + ".csv line " + (i + 2) + ": days are not consecutive at " + date);
            }
            counts[i] = Double.parseDouble(column(rows.get(i), "count"));
        }
        return new DailySeries(Objects.requireNonNull(start, () -> name + ".csv has no days"), counts);
    }

    private static String column(Map<String, String> row, String name) {
        return Objects.requireNonNull(row.get(name), () -> "no column " + name).trim();
    }
}
