package org.nyc311.launcher.deploy;

/** Just enough Java lexing to read record headers: comments dropped, string and char literals emptied. */
final class JavaCode {

    private JavaCode() {}

    /**
     * The source with comments removed and every string, text block and char literal emptied, so that
     * parentheses, commas and {@code //} inside them (e.g. {@code @DefaultValue("https://...")}) no longer count.
     */
    static String withoutCommentsAndStrings(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = indexOrEnd(source, "\n", i);
            } else if (source.startsWith("/*", i)) {
                i = indexOrEnd(source, "*/", i + 2) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                code.append("\"\"");
                i = indexOrEnd(source, "\"\"\"", i + 3) + 3;
            } else if (c == '"' || c == '\'') {
                code.append(c).append(c);
                i = endOfLiteral(source, i, c);
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    private static int endOfLiteral(String source, int start, char quote) {
        int i = start + 1;
        while (i < source.length() && source.charAt(i) != quote) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int indexOrEnd(String source, String token, int from) {
        int index = source.indexOf(token, from);
        return index < 0 ? source.length() : index;
    }
}
