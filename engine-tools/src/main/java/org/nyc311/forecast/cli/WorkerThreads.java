package org.nyc311.forecast.cli;

import picocli.CommandLine.Option;

/**
 * {@code --threads}, the size of the worker pool, as a picocli mixin: {@code forecast}, {@code backtest},
 * {@code detect} (through {@link ModelSearchOptions}) and both benchmarks take it with the same name, default and
 * help, so a benchmark's pool is sized as the command's it measures.
 */
public final class WorkerThreads {

    @Option(names = "--threads", defaultValue = "2", description = "worker threads (default ${DEFAULT-VALUE})")
    int threads;

    public WorkerThreads() {}

    public int count() {
        return threads;
    }
}
