package org.nyc311.service.gold;

import java.util.regex.Pattern;

/** Table names cannot be bound as parameters: they are checked to be plain (dotted) identifiers instead. */
public final class SqlIdentifiers {

    private static final Pattern QUALIFIED_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private SqlIdentifiers() {}

    /** Whether {@code name} is an identifier or dotted identifiers ({@code daily_series}, {@code main.nyc311_gold}). */
    public static boolean isQualifiedName(String name) {
        return name != null && QUALIFIED_NAME.matcher(name).matches();
    }

    /**
     * Refuses the first name that is not a plain (dotted) identifier.
     *
     * @param what  what the names are, for the message (e.g. {@code nyc311.gold schema and table names})
     * @param names the names to check
     * @throws IllegalArgumentException naming the offending name
     */
    public static void requireQualifiedNames(String what, String... names) {
        for (String name : names) {
            if (!isQualifiedName(name)) {
                throw new IllegalArgumentException(what + " must be plain identifiers: '" + name + "'");
            }
        }
    }
}
