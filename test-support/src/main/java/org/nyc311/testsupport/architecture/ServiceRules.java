package org.nyc311.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundary rules every service's ArchitectureTest checks, each there as a method of its own (Surefire 3.5.3
 * silently skips rules held in fields, TNG/ArchUnit#1442, so they are not shared as {@code ArchTests}).
 */
public final class ServiceRules {

    private ServiceRules() {}

    /** The feature packages right below this one (each with its subpackages) do not depend on each other in a cycle. */
    public static ArchRule featuresFreeOfCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles();
    }

    /** Spark stays out of a service's JVM: its servlet and logging jars clash with Boot's. */
    public static ArchRule noSpark() {
        return noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..");
    }
}
