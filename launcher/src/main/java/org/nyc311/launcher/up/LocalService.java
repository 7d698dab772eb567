package org.nyc311.launcher.up;

/** The five services of the platform, each a Spring Boot jar run as its own process. */
public enum LocalService {
    INGEST("ingest-service", 8081),
    PIPELINE_CONTROLLER("pipeline-controller", 8082),
    FORECAST("forecast-service", 8083),
    ANOMALY("anomaly-service", 8084),
    DASHBOARD("dashboard-ui", 8080);

    private final String module;
    private final int defaultPort;

    LocalService(String module, int defaultPort) {
        this.module = module;
        this.defaultPort = defaultPort;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The database each service owns in the local PostgreSQL: its module name in snake case. */
    public String database() {
        return module.replace('-', '_');
    }
}
