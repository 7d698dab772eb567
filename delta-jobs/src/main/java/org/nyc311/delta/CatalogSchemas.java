package org.nyc311.delta;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * Where the tables live when the job is given a catalog ({@code --catalog C}): bronze, silver and gold each
 * in their own schema of it ({@code --bronze-schema}, {@code --silver-schema}, {@code --gold-schema};
 * by default {@code nyc311_bronze}, {@code nyc311_silver}, {@code nyc311_gold}). On Databricks the bundle
 * creates the schemas and grants on them; a local run creates them itself ({@link #createIn}).
 */
public record CatalogSchemas(String catalog, String bronze, String silver, String gold) {

    // a name goes into SQL and into three-part table names unquoted: plain identifiers only
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public CatalogSchemas {
        for (String name : List.of(catalog, bronze, silver, gold)) {
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "catalog and schema names must be letters, digits and underscores, not '" + name + "'");
            }
        }
    }

    /** The catalog and schemas the arguments name, or empty when no {@code --catalog} is given (path mode). */
    public static Optional<CatalogSchemas> from(JobArgs args) {
        return args.optional("catalog")
                .map(String::strip)
                .map(catalog -> new CatalogSchemas(
                        catalog,
                        args.get("bronze-schema", "nyc311_bronze").strip(),
                        args.get("silver-schema", "nyc311_silver").strip(),
                        args.get("gold-schema", "nyc311_gold").strip()));
    }

    public String bronzeTable(String table) {
        return catalog + "." + bronze + "." + table;
    }

    public String silverTable(String table) {
        return catalog + "." + silver + "." + table;
    }

    public String goldTable(String table) {
        return catalog + "." + gold + "." + table;
    }

    /** The three schemas, catalog-qualified, each once. */
    public List<String> qualifiedSchemas() {
        return List.of(bronze, silver, gold).stream()
                .distinct()
                .map(schema -> catalog + "." + schema)
                .toList();
    }

    /** For a local run, where no bundle created the schemas: creates those missing. */
    public void createIn(SparkSession spark) {
        qualifiedSchemas().forEach(schema -> spark.sql("CREATE SCHEMA IF NOT EXISTS " + schema));
    }
}
