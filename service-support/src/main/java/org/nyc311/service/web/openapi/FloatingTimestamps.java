package org.nyc311.service.web.openapi;

import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import java.time.LocalDateTime;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * A {@link LocalDateTime} is written without a zone ({@code 2026-01-31T23:59:59}: New York local time where the
 * feed speaks it), which is not an RFC 3339 {@code date-time}, the format springdoc gives it. The document says
 * what is on the wire instead: a string of that shape.
 */
class FloatingTimestamps implements PropertyCustomizer {

    static final String PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$";

    @Override
    @SuppressWarnings("rawtypes")
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null
                || type == null
                || type.getType() == null
                || !TypeFactory.defaultInstance().constructType(type.getType()).hasRawClass(LocalDateTime.class)) {
            return property;
        }
        property.setFormat(null);
        property.setPattern(PATTERN);
        property.setDescription(
                property.getDescription() != null
                        ? property.getDescription()
                        : "a floating timestamp, no zone (New York local time)");
        return property;
    }
}
