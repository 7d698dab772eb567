package org.nyc311.testsupport.net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM that runs a jar with this JVM's own java, for tests and {@code ./nyc311}. */
public final class JavaCommand {

    private JavaCommand() {}

    /** {@code <java.home>/bin/java <jvmOptions> -jar <jar>}, in a list the caller adds the jar's arguments to. */
    public static List<String> jar(Path jar, String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }
}
