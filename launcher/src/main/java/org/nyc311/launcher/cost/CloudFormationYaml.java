package org.nyc311.launcher.cost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads CloudFormation templates (and any other YAML: docker-compose.yml, databricks.yml) as plain maps and lists.
 * A short-form function ({@code !If [C, a, b]}, {@code !Ref P}, {@code !GetAtt A.Arn}) becomes its long form, a map
 * of one key ({@code {"Fn::If": [C, a, b]}}, {@code {"Ref": "P"}}), as CloudFormation's JSON would have it, so that
 * {@link Template} can evaluate the conditions and a reader that only wants names can take the argument.
 */
public final class CloudFormationYaml {

    private CloudFormationYaml() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(Path file) {
        try {
            return (Map<String, Object>) new Yaml(new LongFormIntrinsics()).load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function name of a short-form tag: {@code !Ref} is {@code Ref}, {@code !If} is {@code Fn::If}. */
    static String longForm(String tag) {
        String name = tag.substring(1);
        return name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(@Nullable Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(@Nullable Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private static final class LongFormIntrinsics extends SafeConstructor {

        LongFormIntrinsics() {
            super(new LoaderOptions());
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object argument;
                    if (node instanceof ScalarNode scalar) {
                        argument = constructScalar(scalar);
                    } else if (node instanceof SequenceNode sequence) {
                        argument = constructSequence(sequence);
                    } else {
                        argument = constructMapping((MappingNode) node);
                    }
                    return Map.of(longForm(node.getTag().getValue()), argument);
                }
            });
        }
    }
}
