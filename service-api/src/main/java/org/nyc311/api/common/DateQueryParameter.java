package org.nyc311.api.common;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;

/**
 * A date query parameter as the OpenAPI document states it: an ISO date of {@link DateParameter#PATTERN},
 * with the parameter's own description (springdoc reads {@link Parameter} as a merged meta-annotation, aliases
 * included).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Parameter(schema = @Schema(type = "string", format = "date", pattern = DateParameter.PATTERN))
public @interface DateQueryParameter {

    /** The parameter's description: which day it is, and its limits. */
    @AliasFor(annotation = Parameter.class, attribute = "description")
    String value();
}
