package org.nyc311.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * shared-model is on every classpath, Spark jobs included: it must stay free of frameworks.
 * Plain JUnit tests rather than {@code @ArchTest} fields: Surefire 3.5 silently skips those
 * (TNG/ArchUnit#1442), which made these rules check nothing.
 */
class ArchitectureTest {

    private final JavaClasses model = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.nyc311.model");

    @Test
    void sharedModelDependsOnNoSpring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..")
                .check(model);
    }

    @Test
    void theJvmDefaultZoneNeverDecidesADate() {
        noClasses()
                .should()
                .callMethod(java.time.ZoneId.class, "systemDefault")
                .because("a request's day is its New York date; the JVM's zone must never decide it")
                .check(model);
    }

    @Test
    void theRulesSeeTheModelClasses() {
        org.assertj.core.api.Assertions.assertThat(model.contain(org.nyc311.model.series.SeriesKey.class))
                .isTrue();
    }
}
