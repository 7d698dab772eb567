package org.nyc311.anomaly.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import org.nyc311.testsupport.architecture.LibraryRules;

/**
 * The detector is a library for a Spring service and a command line alike: no framework, and its
 * rules (this package) know nothing of forecasting, files or command lines, so anomaly-service can
 * feed it stored forecasts.
 *
 * <p>Rules are {@code @ArchTest} methods, not fields: Surefire 3.5.3 silently runs no
 * {@code @ArchTest} fields (TNG/ArchUnit#1442), so a field rule would never fail the build.
 */
@AnalyzeClasses(packages = "org.nyc311.anomaly.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    void noFrameworkNorCommandLine(JavaClasses classes) {
        LibraryRules.noFrameworkNorCommandLine("org.nyc311.forecast.cli..", "org.nyc311.forecast.bench..")
                .check(classes);
    }

    @ArchTest
    void theRulesStandAlone(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAPackage("org.nyc311.anomaly.engine")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.nyc311.forecast..",
                        "picocli..",
                        "org.nyc311.anomaly.engine.rolling..",
                        "org.nyc311.anomaly.engine.cli..",
                        "org.nyc311.anomaly.engine.bench..")
                .check(classes);
    }

    @ArchTest
    void noClockDecidesAnything(JavaClasses classes) {
        noClasses()
                .should()
                .callMethod(java.time.ZoneId.class, "systemDefault")
                .orShould()
                .callMethod(java.time.LocalDate.class, "now")
                .because("detection is a function of its input; the same days must always give the same answer")
                .check(classes);
    }
}
