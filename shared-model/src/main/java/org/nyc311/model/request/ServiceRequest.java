package org.nyc311.model.request;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.ComplaintType;

/**
 * One 311 service request as the silver table holds it: the latest version of a unique_key, typed.
 *
 * <p>311 timestamps are floating New York local times. Instants here are UTC, and the New York
 * local date sits beside each one, because a request's day is its New York date and no JVM default
 * zone may decide it.
 *
 * @param sourceUpdatedAt the feed's {@code :updated_at}: which version of the request this is
 * @param coordinatesOutOfBounds true when the source gave coordinates outside the NYC bounding box
 *     (latitude and longitude are then null)
 * @param closedBeforeCreated true when the source's closed date precedes its created date
 */
public record ServiceRequest(
        String uniqueKey,
        Instant createdAt,
        LocalDate createdDate,
        @Nullable Instant closedAt,
        @Nullable LocalDate closedDate,
        @Nullable String agency,
        ComplaintType complaintType,
        @Nullable String descriptor,
        @Nullable String locationType,
        @Nullable String incidentZip,
        @Nullable String city,
        Borough borough,
        @Nullable Double latitude,
        @Nullable Double longitude,
        @Nullable String status,
        @Nullable Instant sourceUpdatedAt,
        boolean coordinatesOutOfBounds,
        boolean closedBeforeCreated) {

    public ServiceRequest {
        Objects.requireNonNull(uniqueKey, "uniqueKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdDate, "createdDate");
        Objects.requireNonNull(complaintType, "complaintType");
        Objects.requireNonNull(borough, "borough");
        if ((closedAt == null) != (closedDate == null)) {
            throw new IllegalArgumentException("closedAt and closedDate go together: " + uniqueKey);
        }
    }
}
