package org.nyc311.dashboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import org.nyc311.testsupport.architecture.ServiceRules;

/**
 * The dashboard's boundaries, checked by the build. Rules are methods, not {@code ArchRule} fields:
 * Surefire 3.5.3 silently skips field rules (TNG/ArchUnit#1442).
 */
@AnalyzeClasses(packages = "org.nyc311.dashboard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The service clients know HTTP and JSON, not the UI: they can be reused and tested without a browser. */
    @ArchTest
    static void servicesKnowNoUi(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAPackage("..dashboard.services..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.vaadin..",
                        "..dashboard.base..",
                        "..dashboard.chart..",
                        "..dashboard.overview..",
                        "..dashboard.explorer..",
                        "..dashboard.anomalies..",
                        "..dashboard.pipeline..",
                        "..dashboard.models..")
                .check(classes);
    }

    /** Only the service clients make HTTP calls: views never reach a service themselves (and the browser never does). */
    @ArchTest
    static void onlyServicesCallServices(JavaClasses classes) {
        ServiceRules.only("..dashboard.services..")
                .mayUse("org.springframework.web.client..", "java.net.http..")
                .check(classes);
    }

    /** Each view stands alone: a change to one never ripples into another. */
    @ArchTest
    static void viewsAreIndependent(JavaClasses classes) {
        slices().matching("org.nyc311.dashboard.(overview|explorer|anomalies|pipeline|models)..")
                .should()
                .notDependOnEachOther()
                .check(classes);
    }

    /**
     * No package cycles: the layout builds its menu from the routes' {@code @Menu}, so it imports no view,
     * and a view adds itself to the menu without touching the layout.
     */
    @ArchTest
    static void packagesAreFreeOfCycles(JavaClasses classes) {
        ServiceRules.featuresFreeOfCycles("org.nyc311.dashboard").check(classes);
    }

    /** The shared UI parts know no view. */
    @ArchTest
    static void baseUiKnowsNoView(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAPackage("..dashboard.base..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..dashboard.overview..",
                        "..dashboard.explorer..",
                        "..dashboard.anomalies..",
                        "..dashboard.pipeline..",
                        "..dashboard.models..")
                .check(classes);
    }
}
