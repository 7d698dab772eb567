package org.nyc311.ingest.source;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.nyc311.model.ingest.IngestionWindow;

/**
 * The SoQL of one page. Pages are ordered by {@code :id} so that offsets are stable between
 * requests and between a run and its resumption.
 */
public final class SodaQuery {

    /** Floating timestamps, no zone suffix: SODA compares them as written. */
    private static final DateTimeFormatter FLOATING = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private SodaQuery() {
    }

    public static Map<String, String> parameters(IngestionWindow window, int pageSize, int page) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String between = " between '" + FLOATING.format(window.from()) + "' and '" + FLOATING.format(window.to()) + "'";
        if (window.kind() == IngestionWindow.Kind.INCREMENTAL) {
            // system fields are only returned when asked for; :updated_at is what the watermark follows
            parameters.put("$select", ":*,*");
            parameters.put("$where", ":updated_at" + between);
        } else {
            parameters.put("$where", "created_date" + between);
        }
        parameters.put("$order", ":id");
        parameters.put("$limit", Integer.toString(pageSize));
        parameters.put("$offset", Long.toString((long) page * pageSize));
        return parameters;
    }

    public static URI uri(URI resource, IngestionWindow window, int pageSize, int page) {
        String query = parameters(window, pageSize, page).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(resource + "?" + query);
    }

    public static String floating(LocalDateTime timestamp) {
        return FLOATING.format(timestamp);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
