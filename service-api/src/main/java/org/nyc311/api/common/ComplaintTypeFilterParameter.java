package org.nyc311.api.common;

import static org.nyc311.api.common.SeriesPathSegments.COMPLAINT_TYPE_FILTER;
import static org.nyc311.api.common.SeriesPathSegments.COMPLAINT_TYPE_FILTER_DESCRIPTION;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A complaint-type filter parameter ({@link SeriesPathSegments#COMPLAINT_TYPE_FILTER}) as the OpenAPI document
 * states it, one declaration for every service that takes one (springdoc reads {@link Parameter} as a
 * meta-annotation).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Parameter(description = COMPLAINT_TYPE_FILTER_DESCRIPTION, schema = @Schema(pattern = COMPLAINT_TYPE_FILTER))
public @interface ComplaintTypeFilterParameter {}
