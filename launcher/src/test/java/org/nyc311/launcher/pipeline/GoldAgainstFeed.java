package org.nyc311.launcher.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.ComplaintType;

/**
 * Gold's daily counts (the CSV of {@code pipeline --export-gold}) against an independent count of the feed files they
 * came from, by (New York date, complaint type key, borough): the count reads the generated records themselves (the
 * date part of their floating New York {@code created_date}), not anything the pipeline wrote. {@code
 * PipelineCommandIT} uses it on two generated days; {@link #main} runs it on a city-sized feed for
 * docs/BENCHMARKS.md#scale, streaming (three years are about 9.5 million records).
 */
final class GoldAgainstFeed {

    private GoldAgainstFeed() {}

    /** Key "date|type key|BOROUGH" to the count, from gold's export ({@code date,complaint_type,borough,count}). */
    static Map<String, Long> goldCounts(Path export) throws IOException {
        CsvMapper csv = new CsvMapper();
        Map<String, Long> counts = new TreeMap<>();
        try (MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(export.toFile())) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                counts.put(
                        key(row.get("date"), ComplaintType.keyOf(row.get("complaint_type")), row.get("borough")),
                        Long.parseLong(row.get("count")));
            }
        }
        return counts;
    }

    /** The same keys counted from every gzip NDJSON file of a demo-city folder. */
    static Map<String, Long> feedCounts(Path feed) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> counts = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> listed = Files.list(feed)) {
            files = listed.filter(f -> f.getFileName().toString().endsWith(".jsonl.gz"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 1 << 16);
                    JsonParser records = json.createParser(in)) {
                // only the three fields a count needs are kept of each record: nothing grows with the feed but the keys
                String created = null;
                String type = null;
                String borough = null;
                for (JsonToken token = records.nextToken(); token != null; token = records.nextToken()) {
                    if (token == JsonToken.FIELD_NAME
                            && records.getParsingContext().getParent().inRoot()) {
                        String field = records.currentName();
                        records.nextToken();
                        switch (field) {
                            case "created_date" -> created = records.getText();
                            case "complaint_type" -> type = records.getText();
                            case "borough" -> borough = records.getText();
                            default -> records.skipChildren();
                        }
                    } else if (token == JsonToken.END_OBJECT
                            && records.getParsingContext().inRoot()) {
                        if (created == null || type == null || borough == null) {
                            throw new IOException(file + ": a record without created_date, complaint_type or borough");
                        }
                        counts.merge(
                                key(
                                        created.substring(0, 10),
                                        ComplaintType.keyOf(type),
                                        Borough.fromSource(borough).name()),
                                1L,
                                Long::sum);
                        created = null;
                        type = null;
                        borough = null;
                    }
                }
            }
        }
        return counts;
    }

    private static String key(String date, String type, String borough) {
        return date + "|" + type + "|" + borough;
    }

    /**
     * {@code GoldAgainstFeed FEED_FOLDER GOLD_EXPORT_CSV}: prints both totals and the keys that differ (at most 20),
     * and exits 1 when any does.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: GoldAgainstFeed FEED_FOLDER GOLD_EXPORT_CSV");
            System.exit(2);
        }
        long start = System.nanoTime();
        Map<String, Long> feed = feedCounts(Path.of(args[0]));
        Map<String, Long> gold = goldCounts(Path.of(args[1]));
        TreeMap<String, String> differ = new TreeMap<>();
        feed.forEach((k, v) -> {
            if (!v.equals(gold.get(k))) {
                differ.put(k, "feed " + v + ", gold " + gold.get(k));
            }
        });
        gold.forEach((k, v) -> {
            if (!feed.containsKey(k)) {
                differ.put(k, "feed null, gold " + v);
            }
        });
        System.out.printf(
                "feed: %,d records in %,d (date, type, borough) keys; gold: %,d requests in %,d keys; %d keys differ"
                        + " (%d s)%n",
                feed.values().stream().mapToLong(Long::longValue).sum(),
                feed.size(),
                gold.values().stream().mapToLong(Long::longValue).sum(),
                gold.size(),
                differ.size(),
                (System.nanoTime() - start) / 1_000_000_000);
        differ.entrySet().stream().limit(20).forEach(e -> System.out.println("  " + e.getKey() + ": " + e.getValue()));
        System.exit(differ.isEmpty() ? 0 : 1);
    }
}
