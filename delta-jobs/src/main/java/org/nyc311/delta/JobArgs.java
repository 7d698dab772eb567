package org.nyc311.delta;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --name value} arguments of a stage main, as a Databricks JAR task and a local child JVM
 * both pass them. Unknown names are kept (other stages of the same batch take them), a name without
 * a value is an error that says which.
 */
public record JobArgs(Map<String, String> values) {

    public JobArgs {
        values = Map.copyOf(values);
    }

    public static JobArgs parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got '" + name + "'");
            }
            String key = name.substring(2);
            int eq = key.indexOf('=');
            if (eq > 0) {
                values.put(key.substring(0, eq), key.substring(eq + 1));
                continue;
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException("argument " + name + " needs a value");
            }
            values.put(key, args[++i]);
        }
        return new JobArgs(values);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing required argument --" + name);
        }
        return value;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    /** A comma-separated value as its distinct non-blank items, in order; empty when absent or blank. */
    public List<String> list(String name) {
        return optional(name).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .distinct()
                .toList();
    }

    public String get(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public int getInt(String name, int fallback) {
        return optional(name).map(Integer::parseInt).orElse(fallback);
    }
}
