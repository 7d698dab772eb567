package org.nyc311.launcher.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nyc311.launcher.up.LocalService;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The configuration keys the code has, read from the sources so that a renamed or removed key shows up:
 * every key of every module's {@code application*.yml}, every {@code @ConfigurationProperties} record's
 * prefix and (nested) components, the keys {@code ./nyc311 up} passes (LocalPlatform, ServiceProcess and
 * test-support's servers), and a short explicit list of Spring Boot and Spring Cloud AWS keys that
 * deployments set without the code naming them.
 */
final class PropertyKeys {

    /** Spring Boot and Spring Cloud AWS keys that deployment files may set although no source here names them. */
    static final Set<String> STANDARD_KEYS = Set.of(
            "spring.profiles.active",
            "spring.main.web-application-type",
            "spring.flyway.schemas",
            "spring.datasource.url",
            "spring.datasource.username",
            "spring.datasource.password",
            "spring.cloud.aws.region.static",
            "spring.cloud.aws.credentials.access-key",
            "spring.cloud.aws.credentials.secret-key",
            "spring.cloud.aws.s3.endpoint",
            "spring.cloud.aws.s3.path-style-access-enabled",
            "spring.cloud.aws.sqs.endpoint",
            "server.port",
            "management.server.port",
            "logging.level.root");

    /** Environment variables that are no Spring keys: read by the MLflow client (Databricks tracking) and the JVM. */
    static final Set<String> NON_SPRING_VARIABLES =
            Set.of("DATABRICKS_HOST", "DATABRICKS_TOKEN", "TZ", "JAVA_TOOL_OPTIONS");

    private static final Pattern CONFIGURATION_PROPERTIES =
            Pattern.compile("@ConfigurationProperties\\(\\s*(?:(?:value|prefix)\\s*=\\s*)?\"([^\"]+)\"\\s*\\)");
    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+(\\w+)\\s*(?:<[^>]*>)?\\s*\\(");
    private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(\\s*\\([^()]*\\))?");
    private static final Pattern KEY_LITERAL =
            Pattern.compile("\"((?:spring|nyc311|server|management)\\.[a-z0-9.-]+)\"");
    private static final Pattern KEY_ARGUMENT =
            Pattern.compile("\"--((?:spring|nyc311|server|management)\\.[a-z0-9.-]+)=");
    /** A {@code ${NAME}} or {@code ${NAME:default}} placeholder of an application*.yml: an environment variable the code reads by name. */
    private static final Pattern PLACEHOLDER_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

    private final Map<String, String> keysByEnvironmentForm = new HashMap<>();
    private final Set<String> placeholderVariables = new TreeSet<>();

    private PropertyKeys() {}

    /** Reads every module of the project at {@code root}. */
    static PropertyKeys of(Path root) {
        PropertyKeys keys = new PropertyKeys();
        STANDARD_KEYS.forEach(keys::add);
        for (Path module : modules(root)) {
            for (Path file : files(module.resolve("src/main/resources"), "glob:**/application*.yml")) {
                keys.addYamlKeys(file);
            }
            for (Path file : files(module.resolve("src/main/java"), "glob:**.java")) {
                keys.addConfigurationPropertiesRecords(file);
            }
        }
        keys.addKeysUpPasses(root);
        return keys;
    }

    /**
     * Spring's relaxed binding from the environment: upper case, dots to underscores, dashes dropped
     * ({@code nyc311.ingest.soda.app-token} is {@code NYC311_INGEST_SODA_APPTOKEN}).
     */
    static String environmentForm(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
    }

    /**
     * True if Spring would bind this environment variable to a key the code has, an application*.yml names it in a
     * placeholder, or it is a known non-Spring variable.
     */
    boolean knowsVariable(String name) {
        return NON_SPRING_VARIABLES.contains(name)
                || keysByEnvironmentForm.containsKey(name)
                || placeholderVariables.contains(name);
    }

    boolean knowsKey(String key) {
        return keysByEnvironmentForm.containsKey(environmentForm(key));
    }

    Set<String> keys() {
        return new TreeSet<>(keysByEnvironmentForm.values());
    }

    private void add(String key) {
        keysByEnvironmentForm.putIfAbsent(environmentForm(key), key);
    }

    private void addYamlKeys(Path file) {
        Matcher placeholder = PLACEHOLDER_VARIABLE.matcher(read(file));
        while (placeholder.find()) {
            placeholderVariables.add(placeholder.group(1));
        }
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (InputStream in = Files.newInputStream(file)) {
            for (Object document : yaml.loadAll(in)) {
                addYamlKeys("", document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addYamlKeys(String prefix, Object node) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                String key = prefix.isEmpty() ? String.valueOf(name) : prefix + "." + name;
                add(key);
                addYamlKeys(key, value);
            });
        }
    }

    /** {@code @ConfigurationProperties("p") record R(A a, ...)}: p, p.a and, when A is a record of the same file, p.a.*. */
    private void addConfigurationPropertiesRecords(Path file) {
        String source = read(file);
        Matcher annotation = CONFIGURATION_PROPERTIES.matcher(source);
        if (!annotation.find()) {
            return;
        }
        String code = JavaCode.withoutCommentsAndStrings(source);
        Map<String, List<Component>> records = new HashMap<>();
        Matcher record = RECORD.matcher(code);
        while (record.find()) {
            records.put(record.group(1), components(code, record.end()));
        }
        do {
            Matcher annotated = RECORD.matcher(source);
            if (annotated.find(annotation.end())) {
                add(annotation.group(1));
                addComponents(annotation.group(1), annotated.group(1), records, 0);
            }
        } while (annotation.find());
    }

    private void addComponents(String prefix, String recordName, Map<String, List<Component>> records, int depth) {
        if (depth > 5) {
            return;
        }
        for (Component component : records.getOrDefault(recordName, List.of())) {
            String key = prefix + "." + kebab(component.name());
            add(key);
            if (records.containsKey(component.type())) {
                addComponents(key, component.type(), records, depth + 1);
            }
        }
    }

    private void addKeysUpPasses(Path root) {
        List<Path> sources = new ArrayList<>(files(root.resolve("test-support/src/main/java"), "glob:**.java"));
        sources.add(root.resolve("launcher/src/main/java/org/nyc311/launcher/up/LocalPlatform.java"));
        sources.add(root.resolve("launcher/src/main/java/org/nyc311/launcher/up/ServiceProcess.java"));
        for (Path file : sources) {
            String source = read(file);
            for (Pattern pattern : List.of(KEY_LITERAL, KEY_ARGUMENT)) {
                Matcher key = pattern.matcher(source);
                while (key.find()) {
                    add(key.group(1));
                }
            }
        }
        // LocalPlatform builds these from the service list: "nyc311.services." + module + ".url"
        for (LocalService service : LocalService.values()) {
            add("nyc311.services." + service.module() + ".url");
        }
    }

    /** The components of the record whose parameter list opens just before {@code start}. */
    private static List<Component> components(String code, int start) {
        int depth = 1;
        int end = start;
        while (depth > 0 && end < code.length()) {
            char c = code.charAt(end++);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        String parameters = ANNOTATION.matcher(code.substring(start, end - 1)).replaceAll(" ");
        List<Component> components = new ArrayList<>();
        for (String parameter : splitTopLevel(parameters)) {
            String[] words = parameter.trim().split("\\s+");
            if (words.length >= 2) {
                String type = words[words.length - 2].replaceAll("<.*", "").replaceAll(".*\\.", "");
                components.add(new Component(type, words[words.length - 1]));
            }
        }
        return components;
    }

    private static List<String> splitTopLevel(String parameters) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char c : parameters.toCharArray()) {
            depth += c == '<' || c == '(' ? 1 : c == '>' || c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The Maven modules: folders of the root with a pom.xml (only their src/main is read, never target/ or node_modules/). */
    private static List<Path> modules(Path root) {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(child -> Files.isRegularFile(child.resolve("pom.xml")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path folder, String glob) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        var matcher = folder.getFileSystem().getPathMatcher(glob);
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(matcher::matches).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Component(String type, String name) {}
}
