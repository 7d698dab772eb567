package org.nyc311.forecast;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import org.nyc311.testsupport.architecture.LibraryRules;

/**
 * The engine is a library that forecast-service and anomaly-service ship: no framework and no
 * command line. The commands and benchmarks live in engine-tools.
 *
 * <p>Rules are {@code @ArchTest} methods, not fields: Surefire 3.5.3 silently runs no
 * {@code @ArchTest} fields (TNG/ArchUnit#1442), so a field rule would never fail the build.
 */
@AnalyzeClasses(packages = "org.nyc311.forecast", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    void noFrameworkNorCommandLine(JavaClasses classes) {
        LibraryRules.noFrameworkNorCommandLine().check(classes);
    }
}
