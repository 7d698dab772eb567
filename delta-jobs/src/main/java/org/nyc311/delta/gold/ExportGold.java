package org.nyc311.delta.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.nyc311.model.gold.GoldColumns.*;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nyc311.delta.JobArgs;
import org.nyc311.delta.LakeLayout;
import org.nyc311.delta.Stage;
import org.nyc311.delta.StageMain;

/**
 * Writes gold's daily counts as CSV {@code date,complaint_type,borough,count}: one row for every New
 * York local date, complaint type (display form) and borough (enum name, e.g. STATEN_ISLAND) whose count
 * is above zero, ordered by date, type and borough; RFC 4180, a field quoted only where it must be, lines
 * ending in a line feed. For {@code ./nyc311 pipeline --export-gold FILE}.
 */
public final class ExportGold implements Stage {

    private final String outputArgument;

    /** As its own program: the file is {@code --output}. */
    public ExportGold() {
        this("output");
    }

    /** As the last stage of another program, which names the file with its own argument. */
    public ExportGold(String outputArgument) {
        this.outputArgument = outputArgument;
    }

    public static void main(String[] args) {
        StageMain.run("export-gold", args, new ExportGold());
    }

    @Override
    public List<String> requiredArgs() {
        return List.of("lake-root", outputArgument);
    }

    @Override
    public void run(SparkSession spark, JobArgs args) throws IOException {
        LakeLayout lake = LakeLayout.from(args);
        Path output = Path.of(args.required(outputArgument));
        List<Row> rows = lake.goldDailyRequests()
                .read(spark)
                .groupBy(DATE, COMPLAINT_TYPE_KEY, BOROUGH)
                .agg(max(COMPLAINT_TYPE).as(COMPLAINT_TYPE), sum(COUNT).as(COUNT))
                .where(col(COUNT).gt(0))
                .orderBy(DATE, COMPLAINT_TYPE_KEY, BOROUGH)
                .select(DATE, COMPLAINT_TYPE, BOROUGH, COUNT)
                .collectAsList();
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        CsvSchema schema = CsvSchema.builder()
                .addColumns(List.of("date", "complaint_type", "borough", "count"), CsvSchema.ColumnType.STRING)
                .build()
                .withHeader()
                .withLineSeparator("\n");
        try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
                SequenceWriter csv = new CsvMapper()
                        .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                        .writer(schema)
                        .writeValues(out)) {
            for (Row row : rows) {
                csv.write(List.of(
                        row.getDate(0).toString(), row.getString(1), row.getString(2), Long.toString(row.getLong(3))));
            }
        }
        System.out.println("export-gold: " + rows.size() + " rows to " + output);
    }
}
