package org.nyc311.launcher.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nyc311.launcher.cost.CloudFormationYaml;

/** Reads docker-compose.yml and CloudFormation templates as plain maps and lists. */
final class DeploymentYaml {

    private DeploymentYaml() {}

    /**
     * Loads a YAML file with the launcher's CloudFormation reader. Its functions ({@code !Sub x}, {@code !GetAtt A.Arn},
     * {@code !Ref P}) are read as their argument: what matters here is names, not the intrinsic.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) {
        return (Map<String, Object>) intrinsicsAsArguments(CloudFormationYaml.load(file));
    }

    static Map<String, Object> map(Object value) {
        return CloudFormationYaml.map(value);
    }

    static List<Object> list(Object value) {
        return CloudFormationYaml.list(value);
    }

    private static Object intrinsicsAsArguments(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return intrinsicsAsArguments(map.values().iterator().next());
                }
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, entry) -> copy.put(String.valueOf(key), intrinsicsAsArguments(entry)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DeploymentYaml::intrinsicsAsArguments).toList();
        }
        return value;
    }
}
