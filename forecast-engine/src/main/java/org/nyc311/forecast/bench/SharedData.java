package org.nyc311.forecast.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.nyc311.forecast.DailySeries;

/**
 * Finds the real NYC 311 data that lives beside the repository, never inside it: the system
 * property {@code nyc311.shared-data}, else {@code ../shared/data} relative to the project root
 * (the directory holding {@code mvnw}, found upward from the working directory).
 */
public final class SharedData {

    public static final String PROPERTY = "nyc311.shared-data";
    public static final List<String> SERIES = List.of(
            "citywide_all_types", "street_flooding_citywide", "noise_residential_brooklyn");

    private SharedData() {
    }

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
        List<String> lines = Files.readAllLines(dataDir.resolve("series").resolve(name + ".csv"));
        double[] counts = new double[lines.size() - 1];
        LocalDate start = null;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            LocalDate date = LocalDate.parse(f[0].trim());
            if (start == null) {
                start = date;
            } else if (!date.equals(start.plusDays(i - 1L))) {
                throw new IOException(name + ".csv line " + (i + 1) + ": days are not consecutive at " + date);
            }
            counts[i - 1] = Double.parseDouble(f[1].trim());
        }
        return new DailySeries(start, counts);
    }
}
