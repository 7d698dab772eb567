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

    /**
     * Only these packages may use a dependency: {@code only("..run..").mayUse("org.springframework.jdbc..")} is the
     * rule that no class outside {@code ..run..} depends on Spring JDBC.
     */
    public static Owners only(String... packages) {
        return new Owners(packages);
    }

    /** The packages that own a dependency; {@link #mayUse} names it. */
    public static final class Owners {

        private final String[] packages;

        private Owners(String[] packages) {
            this.packages = packages.clone();
        }

        public ArchRule mayUse(String... dependencyPackages) {
            return noClasses()
                    .that()
                    .resideOutsideOfPackages(packages)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(dependencyPackages);
        }
    }
}
