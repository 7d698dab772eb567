package org.nyc311.controller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import org.nyc311.testsupport.architecture.ServiceRules;

/**
 * The controller's boundaries, checked by the build. Rules are methods, not {@code ArchRule} fields:
 * Surefire 3.5.3 silently skips field rules (TNG/ArchUnit#1442).
 */
@AnalyzeClasses(packages = "org.nyc311.controller", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static void featuresHaveNoCycles(JavaClasses classes) {
        ServiceRules.featuresFreeOfCycles("org.nyc311.controller").check(classes);
    }

    /** Runners only run the job: what a run is, and what happens after it, is none of their business. */
    @ArchTest
    static void runnersKnowNothingOfRunsOrMessaging(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAPackage("..controller.job..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..controller.run..", "..controller.messaging..", "..controller.web..")
                .check(classes);
    }

    /** Spark stays out of this JVM (its servlet and logging jars clash with Boot's); the job runs in a child. */
    @ArchTest
    static void noSparkHere(JavaClasses classes) {
        ServiceRules.noSpark().check(classes);
    }

    @ArchTest
    static void onlyTheRunAndQualityPackagesTouchTheDatabase(JavaClasses classes) {
        ServiceRules.only("..controller.run..", "..controller.quality..")
                .mayUse("org.springframework.jdbc..")
                .check(classes);
    }
}
