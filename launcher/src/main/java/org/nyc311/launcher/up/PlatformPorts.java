package org.nyc311.launcher.up;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where each component of the local platform listens, all on 127.0.0.1. The defaults are fixed so
 * that the URLs people bookmark stay the same from one {@code up} to the next.
 */
public record PlatformPorts(
        int s3, int sqs, int postgres, int mlflow, int warehouse, int tokens, Map<LocalService, Integer> services) {

    public PlatformPorts {
        services = Map.copyOf(services);
    }

    public static PlatformPorts defaults() {
        Map<LocalService, Integer> services = new LinkedHashMap<>();
        for (LocalService service : LocalService.values()) {
            services.put(service, service.defaultPort());
        }
        return new PlatformPorts(9000, 9324, 5433, 5000, 10000, 9096, services);
    }

    public int of(LocalService service) {
        return Objects.requireNonNull(services.get(service), () -> "no port for " + service);
    }
}
