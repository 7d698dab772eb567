package org.nyc311.forecastservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.annotations.Parameter;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nyc311.api.common.DateParameter;
import org.nyc311.api.common.SeriesPathSegments;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The parameters' OpenAPI declarations as springdoc finds them: merged from service-api's composed annotations
 * ({@code ComplaintTypeFilterParameter}, {@code BoroughFilterParameter}, {@code DateQueryParameter}), the way its
 * request service looks a parameter's {@link Parameter} up.
 */
class OpenApiParametersTest {

    @Test
    void theCatalogFiltersCarryTheSharedDescriptionsAndPatterns() throws Exception {
        Method series = SeriesController.class.getMethod("series", Optional.class, Optional.class);

        assertThat(documented(series, 0).description()).isEqualTo(SeriesPathSegments.COMPLAINT_TYPE_FILTER_DESCRIPTION);
        assertThat(documented(series, 0).schema().pattern()).isEqualTo(SeriesPathSegments.COMPLAINT_TYPE_FILTER);
        assertThat(documented(series, 1).description()).isEqualTo(SeriesPathSegments.BOROUGH_FILTER_DESCRIPTION);
        assertThat(documented(series, 1).schema().pattern()).isEqualTo(SeriesPathSegments.BOROUGH_OR_BLANK);
    }

    @Test
    void aDateParameterIsAnIsoDateWithItsOwnDescription() throws Exception {
        Method past =
                ForecastController.class.getMethod("past", String.class, String.class, String.class, String.class);
        Method history = SeriesController.class.getMethod(
                "history", String.class, String.class, LocalDate.class, LocalDate.class);

        Parameter from = documented(past, 2);
        assertThat(from.description()).isEqualTo("first day, ISO yyyy-MM-dd");
        assertThat(from.schema().type()).isEqualTo("string");
        assertThat(from.schema().format()).isEqualTo("date");
        assertThat(from.schema().pattern()).isEqualTo(DateParameter.PATTERN);
        assertThat(documented(history, 3).description()).startsWith("last day, YYYY-MM-DD; default: the series' last");
        assertThat(documented(history, 3).schema().pattern()).isEqualTo(DateParameter.PATTERN);
    }

    private static Parameter documented(Method method, int index) {
        Parameter parameter = AnnotatedElementUtils.findMergedAnnotation(
                AnnotatedElementUtils.forAnnotations(method.getParameters()[index].getAnnotations()), Parameter.class);
        assertThat(parameter)
                .as("@Parameter of %s's parameter %d", method.getName(), index)
                .isNotNull();
        return parameter;
    }
}
