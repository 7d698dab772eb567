package org.nyc311.launcher.cost;

import static org.nyc311.launcher.cost.CloudFormationYaml.list;
import static org.nyc311.launcher.cost.CloudFormationYaml.map;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A CloudFormation template as one stack would see it: parameters given or defaulted, {@code Conditions} evaluated,
 * resources whose {@code Condition} is false left out, and {@code Fn::If}, {@code Ref} (of a parameter),
 * {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or} resolved as CloudFormation would. Functions
 * that need a deployed stack ({@code Fn::GetAtt}, {@code Fn::Sub}, {@code Ref} of a resource) stay as they are.
 */
public final class Template {

    private final Map<String, Object> parameters;
    private final Map<String, Object> declaredParameters;
    private final Map<String, Object> conditionDefinitions;
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final Map<String, Resource> resources = new LinkedHashMap<>();

    /** One resource of the stack, with its properties resolved. */
    public record Resource(String name, String type, Map<String, Object> properties) {}

    private Template(Map<String, Object> template, Map<String, String> given) {
        parameters = new HashMap<>();
        declaredParameters = map(template.get("Parameters"));
        declaredParameters.forEach((name, declaration) -> {
            Object value =
                    given.containsKey(name) ? given.get(name) : map(declaration).get("Default");
            if (value != null) {
                parameters.put(name, value);
            }
        });
        conditionDefinitions = map(template.get("Conditions"));
        map(template.get("Resources")).forEach((name, declaration) -> {
            Map<String, Object> resource = map(declaration);
            Object condition = resource.get("Condition");
            if (condition == null || condition(String.valueOf(condition))) {
                resources.put(
                        name,
                        new Resource(
                                name,
                                String.valueOf(resource.get("Type")),
                                map(resolve(resource.getOrDefault("Properties", Map.of())))));
            }
        });
    }

    /** The stack of {@code file} with {@code parameters}; a parameter not given takes its default. */
    public static Template load(Path file, Map<String, String> parameters) {
        return new Template(CloudFormationYaml.load(file), parameters);
    }

    public List<Resource> resourcesOfType(String type) {
        return resources.values().stream()
                .filter(resource -> resource.type().equals(type))
                .toList();
    }

    public Resource resource(@Nullable String name) {
        return Objects.requireNonNull(resources.get(name), () -> "no resource " + name + " in this stack");
    }

    /** The value of a parameter as the stack has it (given or default), or null. */
    public @Nullable Object parameter(String name) {
        return parameters.get(name);
    }

    public boolean parameterDeclared(String name) {
        return declaredParameters.containsKey(name);
    }

    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            Object definition = conditionDefinitions.get(name);
            if (definition == null) {
                throw new IllegalArgumentException("no condition " + name + " in the template");
            }
            known = truth(resolve(definition));
            conditions.put(name, known);
        }
        return known;
    }

    /** The name of the resource a {@code Ref} (resolved or not) points at, or null. */
    public static @Nullable String referenced(@Nullable Object value) {
        Object ref = map(value).get("Ref");
        return ref == null ? null : String.valueOf(ref);
    }

    @Nullable
    Object resolve(@Nullable Object value) {
        if (value instanceof Map<?, ?> raw) {
            Map<String, Object> node = map(raw);
            if (node.size() == 1) {
                String function = node.keySet().iterator().next();
                Object argument = node.get(function);
                switch (function) {
                    case "Ref" -> {
                        String name = String.valueOf(argument);
                        return parameters.containsKey(name) ? parameters.get(name) : node;
                    }
                    case "Fn::If" -> {
                        List<Object> branches = list(argument);
                        return resolve(condition(String.valueOf(branches.get(0))) ? branches.get(1) : branches.get(2));
                    }
                    case "Fn::Equals" -> {
                        List<Object> sides = list(argument);
                        return String.valueOf(resolve(sides.get(0))).equals(String.valueOf(resolve(sides.get(1))));
                    }
                    case "Fn::Not" -> {
                        return !truth(resolve(list(argument).get(0)));
                    }
                    case "Fn::And" -> {
                        return list(argument).stream().allMatch(operand -> truth(resolve(operand)));
                    }
                    case "Fn::Or" -> {
                        return list(argument).stream().anyMatch(operand -> truth(resolve(operand)));
                    }
                    case "Condition" -> {
                        return condition(String.valueOf(argument));
                    }
                    default -> {
                        // Fn::Sub, Fn::GetAtt, Fn::Join...: known only to a deployed stack
                    }
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            node.forEach((key, entry) -> {
                Object entryValue = resolve(entry);
                if (!isNoValue(entryValue)) {
                    resolved.put(key, entryValue);
                }
            });
            return resolved;
        }
        if (value instanceof List<?> items) {
            return items.stream()
                    .map(this::resolve)
                    .filter(item -> !isNoValue(item))
                    .toList();
        }
        return value;
    }

    private static boolean isNoValue(@Nullable Object value) {
        return "AWS::NoValue".equals(referenced(value));
    }

    private static boolean truth(@Nullable Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw new IllegalArgumentException("a condition that is not true or false: " + value);
    }
}
