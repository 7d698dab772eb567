package org.nyc311.api.common;

import static org.nyc311.api.common.SeriesPathSegments.BOROUGH_FILTER_DESCRIPTION;
import static org.nyc311.api.common.SeriesPathSegments.BOROUGH_OR_BLANK;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A borough filter parameter ({@link SeriesPathSegments#BOROUGH_OR_BLANK}) as the OpenAPI document states it,
 * one declaration for every service that takes one (springdoc reads {@link Parameter} as a meta-annotation).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Parameter(description = BOROUGH_FILTER_DESCRIPTION, schema = @Schema(pattern = BOROUGH_OR_BLANK))
public @interface BoroughFilterParameter {}
