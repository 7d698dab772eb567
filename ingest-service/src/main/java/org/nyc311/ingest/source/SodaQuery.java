package org.nyc311.ingest.source;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.ingest.IngestionWindow;

/**
 * The SoQL of one page, paged by key ({@link PageKey}), never by offset: an offset counts records,
 * and records that leave an {@code :updated_at} window while a run pages shift every later page, so
 * records at page boundaries were skipped. A backfill is ordered by {@code :id}; an incremental by
 * {@code (:updated_at, :id)}. Both ask for SODA's system fields ({@code $select=:*,*}), which carry
 * the key.
 */
public final class SodaQuery {

    /** Floating timestamps, no zone suffix: SODA compares them as written. */
    private static final DateTimeFormatter FLOATING = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private SodaQuery() {}

    /** The first page of the window ({@code after} null) or the page after {@code after}. */
    public static Map<String, String> parameters(IngestionWindow window, int pageSize, @Nullable PageKey after) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String between = " between '" + FLOATING.format(window.from()) + "' and '" + FLOATING.format(window.to()) + "'";
        // system fields are only returned when asked for: :id and :updated_at are the page key
        parameters.put("$select", ":*,*");
        if (window.kind() == IngestionWindow.Kind.INCREMENTAL) {
            parameters.put(
                    "$where",
                    ":updated_at" + between
                            + (after == null
                                    ? ""
                                    // an incremental run's keys carry :updated_at (PageKey.of)
                                    : " AND (:updated_at > " + literal(Objects.requireNonNull(after.updatedAt()))
                                            + " OR (:updated_at = " + literal(Objects.requireNonNull(after.updatedAt()))
                                            + " AND :id > " + literal(after.id()) + "))"));
            parameters.put("$order", ":updated_at,:id");
        } else {
            parameters.put(
                    "$where", "created_date" + between + (after == null ? "" : " AND :id > " + literal(after.id())));
            parameters.put("$order", ":id");
        }
        parameters.put("$limit", Integer.toString(pageSize));
        return parameters;
    }

    public static URI uri(URI resource, IngestionWindow window, int pageSize, @Nullable PageKey after) {
        String query = parameters(window, pageSize, after).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(resource + "?" + query);
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    public static String floating(LocalDateTime timestamp) {
        return FLOATING.format(timestamp);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
