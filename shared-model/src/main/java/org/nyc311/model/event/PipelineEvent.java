package org.nyc311.model.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * An event in the pipeline's chain. Each has exactly one consumer and travels on its own SQS queue
 * ({@link EventQueue}); SQS delivers at least once, so consumers are idempotent on {@link #eventId()}.
 *
 * <p>The JSON form carries a {@code type} discriminator and a {@code schemaVersion}. An additive
 * change (a new optional field) keeps the version; anything else raises it, and readers refuse a
 * version newer than they understand rather than guess (see {@link EventJson}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RawBatchLanded.class, name = "RawBatchLanded"),
    @JsonSubTypes.Type(value = GoldRefreshed.class, name = "GoldRefreshed"),
    @JsonSubTypes.Type(value = ForecastsPublished.class, name = "ForecastsPublished"),
    @JsonSubTypes.Type(value = AnomalyAlert.class, name = "AnomalyAlert")
})
public sealed interface PipelineEvent permits RawBatchLanded, GoldRefreshed, ForecastsPublished, AnomalyAlert {

    /** The idempotency key: a redelivered or replayed event has the same id. */
    UUID eventId();

    int schemaVersion();

    Instant occurredAt();

    /** The newest schema version of this event type that this build writes and understands. */
    int supportedSchemaVersion();
}
