package org.nyc311.model.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of pipeline events, used by every producer and consumer.
 *
 * <p>Dates and instants are ISO-8601 strings. Unknown properties are ignored, so a producer may add
 * an optional field without breaking older consumers; a schema version newer than this build knows
 * is refused, because a consumer that guesses at a changed contract loses data quietly.
 */
public final class EventJson {

    private final ObjectMapper mapper;

    public EventJson() {
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    public String write(PipelineEvent event) {
        try {
            return mapper.writerFor(PipelineEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads any event by its {@code type}; malformed or too-new events are an {@link InvalidEventException}. */
    public PipelineEvent read(String json) {
        PipelineEvent event;
        try {
            event = mapper.readValue(json, PipelineEvent.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a pipeline event: " + e.getOriginalMessage(), e);
        }
        if (event.schemaVersion() > event.supportedSchemaVersion()) {
            throw new InvalidEventException(event.getClass().getSimpleName() + " " + event.eventId()
                    + " has schema version " + event.schemaVersion() + "; this build understands up to "
                    + event.supportedSchemaVersion());
        }
        return event;
    }

    public <T extends PipelineEvent> T read(String json, Class<T> type) {
        PipelineEvent event = read(json);
        if (!type.isInstance(event)) {
            throw new InvalidEventException("expected " + type.getSimpleName() + " but got "
                    + event.getClass().getSimpleName());
        }
        return type.cast(event);
    }

    /** A message that cannot be read as an event: retrying it will not help, it belongs in the DLQ. */
    public static final class InvalidEventException extends RuntimeException {
        public InvalidEventException(String message) {
            super(message);
        }

        public InvalidEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
