package org.nyc311.dashboard.base.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.List;
import java.util.function.Function;

/**
 * RFC 4180 CSV of the rows a grid shows: what its "Export CSV" link downloads. Lines end in CRLF, a
 * field is quoted only where it must be (a comma, quote or line break), and a missing value is empty.
 */
public final class Csv {

    private Csv() {}

    public record Column<T>(String header, Function<T, Object> value) {}

    public static <T> String of(List<Column<T>> columns, List<T> rows) {
        CsvSchema schema = CsvSchema.builder()
                .addColumns(columns.stream().map(Column::header).toList(), CsvSchema.ColumnType.STRING)
                .build()
                .withHeader()
                .withLineSeparator("\r\n");
        // each value as its toString(), as the grid shows it, not as Jackson would format a number
        List<List<String>> values = rows.stream()
                .map(row -> columns.stream()
                        .map(c -> c.value().apply(row))
                        .map(v -> v == null ? null : v.toString())
                        .toList())
                .toList();
        try {
            return new CsvMapper()
                    .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                    .writer(schema)
                    .writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write strings as CSV", e);
        }
    }
}
