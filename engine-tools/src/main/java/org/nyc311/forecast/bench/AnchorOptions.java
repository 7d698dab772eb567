package org.nyc311.forecast.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --anchors} and where they run from, as a picocli mixin: the forecasting benchmark and the short-history one
 * fit Prophet, AutoETS and MSTL beside the engine with the same options and the same pinned environment.
 */
public final class AnchorOptions {

    @Option(
            names = "--anchors",
            description = "also fit Prophet, AutoETS and MSTL at the same origins, in the pinned Python environment "
                    + "of scripts/anchors-venv.sh (created on first use; needs python3 and PyPI)")
    boolean on;

    @Option(
            names = "--anchors-venv",
            defaultValue = "${sys:user.home}/.cache/nyc311/anchors-venv",
            description = "where the anchors' environment lives (default ${DEFAULT-VALUE})")
    Path venv;

    @Option(
            names = "--scripts",
            defaultValue = "scripts",
            description = "the repository's scripts folder (default ${DEFAULT-VALUE}, from the repository root)")
    Path scripts;

    public AnchorOptions() {}

    /** The anchors, their environment created or checked, with {@code --anchors}; empty without it. */
    public Optional<AnchorForecasts> prepared() throws IOException, InterruptedException {
        if (!on) {
            return Optional.empty();
        }
        AnchorForecasts anchors = new AnchorForecasts(scripts, venv);
        anchors.prepare();
        return Optional.of(anchors);
    }
}
