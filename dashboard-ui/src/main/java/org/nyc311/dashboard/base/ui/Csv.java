package org.nyc311.dashboard.base.ui;

import java.util.List;
import java.util.function.Function;

/** RFC 4180 CSV of the rows a grid shows: what its "Export CSV" link downloads. */
public final class Csv {

    private Csv() {
    }

    public record Column<T>(String header, Function<T, Object> value) {
    }

    public static <T> String of(List<Column<T>> columns, List<T> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", columns.stream().map(c -> quote(c.header())).toList())).append("\r\n");
        for (T row : rows) {
            out.append(String.join(",", columns.stream().map(c -> {
                Object value = c.value().apply(row);
                return quote(value == null ? "" : value.toString());
            }).toList())).append("\r\n");
        }
        return out.toString();
    }

    static String quote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
