package org.nyc311.launcher.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The nullness contract covers every package of main code in every module: NullAway (in the compiler plugin of
 * both parents) checks only {@code @NullMarked} code, so a new package without it would slip through unchecked.
 */
class NullMarkedPackagesTest {

    /** {@code @NullMarked} (or its full name) on the package declaration, after any javadoc. */
    private static final Pattern NULL_MARKED_PACKAGE =
            Pattern.compile("@(org\\.jspecify\\.annotations\\.)?NullMarked\\s+package\\s");

    private static final Path ROOT = Path.of(System.getProperty("nyc311.project-root", ".."))
            .toAbsolutePath()
            .normalize();

    @Test
    void everyPackageOfMainCodeIsNullMarked() throws IOException {
        List<Path> sourceRoots = mainSourceRoots();
        // every Java module of the reactor, the Spark ones too: a wrong root would find none and prove nothing
        assertThat(sourceRoots)
                .extracting(sourceRoot -> ROOT.relativize(sourceRoot).getName(0).toString())
                .contains("shared-model", "delta-jobs", "local-sql-warehouse", "ingest-service", "launcher")
                .hasSizeGreaterThanOrEqualTo(14);

        List<String> unmarked = new ArrayList<>();
        for (Path sourceRoot : sourceRoots) {
            for (Path pkg : packagesWithCode(sourceRoot)) {
                Path info = pkg.resolve("package-info.java");
                if (!Files.isRegularFile(info)
                        || !NULL_MARKED_PACKAGE
                                .matcher(Files.readString(info, StandardCharsets.UTF_8))
                                .find()) {
                    unmarked.add(ROOT.relativize(pkg).toString());
                }
            }
        }
        assertThat(unmarked)
                .as("packages of main code without @NullMarked in their package-info.java")
                .isEmpty();
    }

    /** {@code <module>/src/main/java} of every module directly under the project root. */
    private static List<Path> mainSourceRoots() throws IOException {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .sorted()
                    .toList();
        }
    }

    /** The folders holding a Java source other than package-info.java: the packages that have code. */
    private static Set<Path> packagesWithCode(Path sourceRoot) throws IOException {
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getFileName().toString().equals("package-info.java"))
                    .map(Path::getParent)
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
    }
}
