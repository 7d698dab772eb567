package org.nyc311.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The rules every engine's ArchitectureTest checks: an engine is a library that services and command lines both
 * ship, so it carries no framework and no command line. Methods, not shared {@code ArchTests}, for the reason
 * {@link ServiceRules} gives.
 */
public final class LibraryRules {

    private LibraryRules() {}

    /** Both rules below: an engine depends on neither Spring nor a command line. */
    public static ArchRule noFrameworkNorCommandLine(String... commandLinePackages) {
        return CompositeArchRule.of(noSpring()).and(noCommandLine(commandLinePackages));
    }

    /** No Spring: the services wire the engines, the engines do not wire themselves. */
    private static ArchRule noSpring() {
        return noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..");
    }

    /** No picocli, nor the given command-line packages: the commands and benchmarks live in engine-tools. */
    private static ArchRule noCommandLine(String... commandLinePackages) {
        String[] packages = new String[commandLinePackages.length + 1];
        packages[0] = "picocli..";
        System.arraycopy(commandLinePackages, 0, packages, 1, commandLinePackages.length);
        return noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packages)
                .because("the commands and benchmarks live in engine-tools, so the services do not ship them");
    }
}
