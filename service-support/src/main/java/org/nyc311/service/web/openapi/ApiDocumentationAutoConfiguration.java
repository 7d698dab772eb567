package org.nyc311.service.web.openapi;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * In a service that publishes its OpenAPI document with springdoc: {@link ProblemResponses} (every
 * operation documents the problem details it can answer) and {@link NullableProperties} (a payload's
 * reference-typed property may be null unless it says {@code @NotNull}) and {@link FloatingTimestamps} (a
 * {@code LocalDateTime} is a timestamp without a zone, not an RFC 3339 date-time).
 */
@AutoConfiguration
@ConditionalOnClass(GlobalOperationCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDocumentationAutoConfiguration {

    @Bean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    GlobalOpenApiCustomizer problemDetailSchema() {
        return ProblemResponses::addProblemDetailSchema;
    }

    @Bean
    GlobalOpenApiCustomizer bearerScheme() {
        return ProblemResponses::addBearerScheme;
    }

    @Bean
    PropertyCustomizer nullableProperties() {
        return new NullableProperties();
    }

    @Bean
    PropertyCustomizer floatingTimestamps() {
        return new FloatingTimestamps();
    }
}
