package org.nyc311.testsupport.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's Chromium, as every browser test here drives it through Playwright (whose own browser download is not
 * reachable here): the tests pass {@link #EXECUTABLE} and {@link #ARGS} to Playwright's launch options. Plain values,
 * so that test-support, which launcher's jar carries, does not carry Playwright.
 */
public final class HeadlessChromium {

    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    /** Headless, no sandbox (the tests may run as root), and nothing that reaches for the network by itself. */
    public static final List<String> ARGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run");

    private HeadlessChromium() {}

    public static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }
}
