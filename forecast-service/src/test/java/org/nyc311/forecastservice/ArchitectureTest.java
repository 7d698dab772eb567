package org.nyc311.forecastservice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import org.nyc311.service.gold.GoldPool;
import org.nyc311.testsupport.architecture.ServiceRules;

/**
 * The service's boundaries, checked by the build. Rules are methods, not {@code ArchRule} fields:
 * Surefire 3.5.3 silently skips field rules (TNG/ArchUnit#1442).
 */
@AnalyzeClasses(packages = "org.nyc311.forecastservice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static void featuresHaveNoCycles(JavaClasses classes) {
        ServiceRules.featuresFreeOfCycles("org.nyc311.forecastservice").check(classes);
    }

    /** Gold is read in one place, through its own pool; nothing else opens connections to the warehouse. */
    @ArchTest
    static void onlyTheGoldPackageHasAPoolOfItsOwn(JavaClasses classes) {
        noClasses()
                .that()
                .resideOutsideOfPackage("..forecastservice.gold..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.zaxxer.hikari..")
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(GoldPool.class)
                .check(classes);
    }

    /** JDBC is spoken by the gold reader and the run repository, nowhere else. */
    @ArchTest
    static void onlyGoldAndRunsUseJdbc(JavaClasses classes) {
        ServiceRules.only("..forecastservice.gold..", "..forecastservice.run..")
                .mayUse("java.sql..")
                .check(classes);
    }

    /** The service's own tables are touched only by the run repository. */
    @ArchTest
    static void onlyTheRunPackageTouchesPostgres(JavaClasses classes) {
        ServiceRules.only("..forecastservice.run..")
                .mayUse("org.springframework.jdbc..")
                .check(classes);
    }

    /** MLflow is reached only through the tracker, so that its absence or failure stays one package's concern. */
    @ArchTest
    static void onlyTheTrackingPackageUsesMlflow(JavaClasses classes) {
        ServiceRules.only("..forecastservice.tracking..").mayUse("org.mlflow..").check(classes);
    }

    /** Spark stays out of this JVM: gold comes over JDBC from the warehouse. */
    @ArchTest
    static void noSparkHere(JavaClasses classes) {
        ServiceRules.noSpark().check(classes);
    }
}
