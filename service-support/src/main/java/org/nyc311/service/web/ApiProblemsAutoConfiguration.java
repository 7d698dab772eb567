package org.nyc311.service.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The API's error plumbing: {@link ApiProperties} and {@link ApiDates} in every application (a
 * controller is a bean even where no server runs, as in ingest-service's one-shot mode), and in a
 * servlet application where the service declares no handler of its own, {@link ApiProblemHandler}
 * itself, and enums read by name only. Before Boot's MVC auto-configuration, whose generic problem-details handler backs off when one
 * is here. Also imported by {@code @WebMvcTest} slices (see {@code AutoConfigureWebMvc.imports}), so a
 * slice answers as the service does.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@EnableConfigurationProperties(ApiProperties.class)
public class ApiProblemsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ApiDates apiDates(ApiProperties properties, ObjectProvider<Clock> clock) {
        return new ApiDates(properties.dates(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(ResponseEntityExceptionHandler.class)
    static class ProblemHandlerConfiguration {

        @Bean
        @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
        DefaultApiProblemHandler apiProblemHandler(ApiProperties properties) {
            return new DefaultApiProblemHandler(properties);
        }

        /**
         * A number where a request names an enum ({@code {"kind": 0}}) is refused with the API's 400: Jackson would
         * otherwise read it as the constant's ordinal and accept what the document forbids.
         */
        @Bean
        Jackson2ObjectMapperBuilderCustomizer enumsByNameOnly() {
            return builder -> builder.featuresToEnable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        }
    }
}
