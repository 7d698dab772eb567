package org.nyc311.forecastservice.run;

import java.util.Objects;
import java.util.UUID;

/**
 * One instance's hold on one forecast run, from a claim to its release or its expiry. Every write the
 * holder makes to the run names the token: once another instance has claimed the run (a new token),
 * those writes change nothing.
 *
 * @param runId the run held
 * @param token new at every claim
 * @param owner who holds it, for logs and people (host and process)
 */
public record RunLease(UUID runId, UUID token, String owner) {

    public RunLease {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(owner, "owner");
    }
}
