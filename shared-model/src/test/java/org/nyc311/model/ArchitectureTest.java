package org.nyc311.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** shared-model is on every classpath, Spark jobs included: it must stay free of frameworks. */
@AnalyzeClasses(packages = "org.nyc311.model", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noSpring = noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..");

    @ArchTest
    static final ArchRule noJvmDefaultZone = noClasses().should()
            .callMethod(java.time.ZoneId.class, "systemDefault")
            .because("a request's day is its New York date; the JVM's zone must never decide it");
}
