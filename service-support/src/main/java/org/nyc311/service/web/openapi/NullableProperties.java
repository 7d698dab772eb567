package org.nyc311.service.web.openapi;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * The payload records are written with Jackson's defaults, nulls included: a property of a reference type
 * ({@code Boolean}, {@code String}, a date, a nested record, a list) may be {@code null} on the wire, and the
 * document says so (OpenAPI 3.1: {@code "null"} among its types, or one of its $ref and null), unless the
 * component is {@code @NotNull}. Primitives ({@code int}, {@code boolean}) are never null and stay as they are.
 */
class NullableProperties implements PropertyCustomizer {

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null || type == null || type.getType() == null || neverNull(type)) {
            return property;
        }
        if (property.get$ref() != null) {
            Schema reference = new Schema<>().$ref(property.get$ref());
            Schema nullable = new Schema<>();
            nullable.setTypes(Set.of("null"));
            Schema either = new Schema<>();
            either.setOneOf(List.of(reference, nullable));
            either.setDescription(property.getDescription());
            return either;
        }
        if (property.getTypes() != null && !property.getTypes().isEmpty()) {
            property.addType("null");
        } else if (property.getType() != null) {
            property.setNullable(true);
        } else {
            return property;
        }
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            List values = new ArrayList<>(property.getEnum());
            values.add(null);
            property.setEnum(values);
        }
        return property;
    }

    private static boolean neverNull(AnnotatedType type) {
        JavaType javaType = TypeFactory.defaultInstance().constructType(type.getType());
        if (javaType.isPrimitive()) {
            return true;
        }
        Annotation[] annotations = type.getCtxAnnotations();
        if (annotations != null) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof NotNull) {
                    return true;
                }
            }
        }
        return false;
    }
}
