package org.nyc311.warehouse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --lake-root L --port P [--bind 127.0.0.1] [--database gold] [--spark-master local[2]]
 * [--refresh-seconds 5]}.
 */
public record WarehouseArgs(
        String lakeRoot, int port, String bind, String database, String sparkMaster, int refreshSeconds) {

    /** The gold tables registered on start, by name, with their path under the lake root. */
    public static final List<String> GOLD_TABLES = List.of("daily_requests", "daily_series", "series_catalog");

    public WarehouseArgs {
        if (!bind.equals("127.0.0.1") && !bind.equals("localhost")) {
            throw new IllegalArgumentException(
                    "--bind must be loopback (127.0.0.1): the warehouse has no authentication");
        }
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("--database must be a plain identifier: '" + database + "'");
        }
    }

    public static WarehouseArgs parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
        String lake = values.get("lake-root");
        String port = values.get("port");
        if (lake == null || port == null) {
            throw new IllegalArgumentException("--lake-root and --port are required");
        }
        while (lake.endsWith("/") && lake.length() > 1) {
            lake = lake.substring(0, lake.length() - 1);
        }
        return new WarehouseArgs(
                lake,
                Integer.parseInt(port),
                values.getOrDefault("bind", "127.0.0.1"),
                values.getOrDefault("database", "gold"),
                values.getOrDefault("spark-master", "local[2]"),
                Integer.parseInt(values.getOrDefault("refresh-seconds", "5")));
    }

    public String jdbcUrl() {
        return "jdbc:hive2://127.0.0.1:" + port + "/default;transportMode=http;httpPath=cliservice";
    }
}
