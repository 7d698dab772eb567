package org.nyc311.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

class ApiProblemsAutoConfigurationTest {

    private final WebApplicationContextRunner context = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApiProblemsAutoConfiguration.class, WebMvcAutoConfiguration.class))
            .withPropertyValues("spring.mvc.problemdetails.enabled=true");

    @Test
    void aServiceWithNothingParticularGetsTheBaseHandlerInsteadOfBootsGenericOne() {
        context.run(app -> assertThat(app)
                .getBeans(ResponseEntityExceptionHandler.class)
                .hasSize(1)
                .allSatisfy((name, handler) -> assertThat(handler).isInstanceOf(ApiProblemHandler.class)));
    }

    @Test
    void aServicesOwnHandlerComesInsteadOfTheBaseOne() {
        context.withBean(
                        ServiceProblems.class,
                        () -> new ServiceProblems(new ApiProperties(
                                java.time.Duration.ofSeconds(5), new ApiProperties.Dates(LocalDate.of(2010, 1, 1), 5))))
                .run(app -> assertThat(app)
                        .getBeans(ResponseEntityExceptionHandler.class)
                        .hasSize(1)
                        .allSatisfy((name, handler) -> assertThat(handler).isInstanceOf(ServiceProblems.class)));
    }

    @Test
    void withoutAServerTheDatesGuardIsStillThereForControllersThatAreBeansAnyway() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ApiProblemsAutoConfiguration.class))
                .run(app -> {
                    assertThat(app).hasSingleBean(ApiDates.class);
                    assertThat(app).doesNotHaveBean(ApiProblemHandler.class);
                });
    }

    @Test
    void datesRunFrom2010ToFiveYearsAfterTodayInNewYorkByDefault() {
        // 03:00 UTC on 1 January is still 31 December in New York
        Clock clock = Clock.fixed(Instant.parse("2027-01-01T03:00:00Z"), ZoneOffset.UTC);
        context.withBean(Clock.class, () -> clock).run(app -> {
            ApiDates dates = app.getBean(ApiDates.class);
            assertThat(dates.earliest()).isEqualTo(LocalDate.of(2010, 1, 1));
            assertThat(dates.latest()).isEqualTo(LocalDate.of(2031, 12, 31));
            assertThat(app.getBean(ApiProperties.class).retryAfter()).hasSeconds(30);
        });
    }

    @RestControllerAdvice
    static class ServiceProblems extends ApiProblemHandler {
        ServiceProblems(ApiProperties properties) {
            super(properties);
        }
    }
}
