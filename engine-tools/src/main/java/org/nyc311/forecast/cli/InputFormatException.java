package org.nyc311.forecast.cli;

/** Bad input, with the 1-based line of the input file where it was found (the header is line 1). */
public final class InputFormatException extends Exception {

    private final long line;

    public InputFormatException(long line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
