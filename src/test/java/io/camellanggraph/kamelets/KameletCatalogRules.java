package io.camellanggraph.kamelets;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a Kamelet catalog applies to a Kamelet (those of Apache Camel's catalog validator,
 * camel-kamelets/script/validator, plus this project's own), checked on a Kamelet read from YAML as plain maps.
 * {@link #violations} lists every broken rule as a sentence; a conformant Kamelet has none.
 *
 * <p>Where this project departs from Apache's catalog: the provider is this project, not the ASF; {@code routeId} and
 * {@code templateId} count as declared (the Kamelet component supplies them to every template).
 */
final class KameletCatalogRules {

    /** A parameter reference as the catalog validator finds them: {@code {{name}}}, {@code {{?name}}}, {@code {{name:default}}}. */
    private static final Pattern PARAMETER = Pattern.compile("\\{\\{[?]?([A-Za-z0-9-._]+)(?::[^}]*)?}}");
    private static final Pattern NESTED_PLACEHOLDER = Pattern.compile("\\{\\{[^}]*\\{\\{");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|apikey|accesskey).*");
    private static final Set<String> SUPPLIED_BY_THE_KAMELET_COMPONENT = Set.of("routeId", "templateId");
    private static final String CREDENTIALS = "urn:camel:group:credentials";
    private static final String ICON_PREFIX = "data:image/svg+xml;base64,";
    private static final String COMPONENT_DEPENDENCY = "mvn:io.camellanggraph:camel-langgraph:";

    private final String version;
    /** The allowed values of options with a fixed set of them, by the name of the Kamelet property passed to them. */
    private final Map<String, List<?>> enums;

    /**
     * @param version the project's version, which catalog.version and the component dependency must name
     * @param enums   the allowed values of properties passed to options with a fixed set of values
     */
    KameletCatalogRules(String version, Map<String, List<?>> enums) {
        this.version = version;
        this.enums = enums;
    }

    /** Every rule the Kamelet in {@code fileName} breaks, as sentences naming the Kamelet and the property. */
    List<String> violations(String fileName, Map<String, Object> kamelet) {
        List<String> violations = new ArrayList<>();
        Map<String, Object> metadata = map(kamelet.get("metadata"));
        Map<String, Object> annotations = map(metadata.get("annotations"));
        Map<String, Object> labels = map(metadata.get("labels"));
        Map<String, Object> spec = map(kamelet.get("spec"));
        Map<String, Object> definition = map(spec.get("definition"));
        Map<String, Object> properties = map(definition.get("properties"));
        String name = String.valueOf(metadata.get("name"));
        String type = String.valueOf(labels.get("camel.apache.org/kamelet.type"));

        if (!fileName.equals(name + ".kamelet.yaml")) {
            violations.add(fileName + " holds Kamelet " + name);
        }
        if (!Set.of("source", "sink", "action").contains(type)) {
            violations.add(name + ": label camel.apache.org/kamelet.type is " + type + ", not source, sink or action");
        } else if (!name.endsWith("-" + type)) {
            violations.add(name + ": name does not end with -" + type);
        }
        checkAnnotations(name, annotations, violations);
        String title = String.valueOf(definition.get("title"));
        String typeSuffix = type.isEmpty() ? "" : type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1);
        if (!title.endsWith(typeSuffix)) {
            violations.add(name + ": title \"" + title + "\" does not end with " + typeSuffix);
        }
        if (blank(definition.get("description"))) {
            violations.add(name + ": no description");
        }
        if (!"object".equals(definition.get("type"))) {
            violations.add(name + ": definition is not of type object");
        }
        List<Object> required = list(definition.get("required"));
        properties.forEach((property, schema) -> checkProperty(name, property, map(schema), required.contains(property), violations));
        required.stream().filter(p -> !properties.containsKey(p)).forEach(p -> violations.add(name + ": required " + p + " is not defined"));
        checkParameters(name, properties.keySet(), spec.get("template"), violations);
        checkDataTypes(name, type, spec, violations);
        List<Object> dependencies = list(spec.get("dependencies"));
        dependencies.stream().map(String::valueOf).filter(d -> d.startsWith(COMPONENT_DEPENDENCY))
                .filter(d -> !d.equals(COMPONENT_DEPENDENCY + version))
                .forEach(d -> violations.add(name + ": dependency " + d + " is not version " + version));
        if (dependencies.stream().noneMatch(d -> String.valueOf(d).startsWith(COMPONENT_DEPENDENCY))) {
            violations.add(name + ": no dependency on " + COMPONENT_DEPENDENCY + version);
        }
        return violations;
    }

    private void checkAnnotations(String name, Map<String, Object> annotations, List<String> violations) {
        for (String required : List.of("camel.apache.org/kamelet.support.level", "camel.apache.org/provider",
                "camel.apache.org/kamelet.group", "camel.apache.org/kamelet.icon", "camel.apache.org/catalog.version")) {
            if (blank(annotations.get(required))) {
                violations.add(name + ": no annotation " + required);
            }
        }
        Object icon = annotations.get("camel.apache.org/kamelet.icon");
        if (icon != null && !String.valueOf(icon).startsWith(ICON_PREFIX)) {
            violations.add(name + ": the icon is not an SVG data URI (" + ICON_PREFIX + "...)");
        }
        Object catalogVersion = annotations.get("camel.apache.org/catalog.version");
        if (catalogVersion != null && !version.equals(String.valueOf(catalogVersion))) {
            violations.add(name + ": catalog.version " + catalogVersion + " is not the project's version " + version);
        }
    }

    private void checkProperty(String name, String property, Map<String, Object> schema, boolean required, List<String> violations) {
        String where = name + ": property " + property;
        if (blank(schema.get("type"))) {
            violations.add(where + " has no type");
        }
        String title = String.valueOf(schema.get("title"));
        if (blank(schema.get("title"))) {
            violations.add(where + " has no title");
        } else if (title.matches("(The|A|An) .*")) {
            violations.add(where + " has a title starting with an article: " + title);
        } else if (!title.matches("([A-Z0-9][^ ]*)( [A-Z0-9][^ ]*)*")) {
            violations.add(where + " has a title with a word not capitalized: " + title);
        }
        if (blank(schema.get("description"))) {
            violations.add(where + " has no description");
        }
        if (required && schema.containsKey("default")) {
            violations.add(where + " is required and has a default");
        }
        boolean password = "password".equals(schema.get("format"));
        if (SECRET_NAME.matcher(property).matches() && !password) {
            violations.add(where + " is a secret without format: password");
        }
        if (password && !list(schema.get("x-descriptors")).contains(CREDENTIALS)) {
            violations.add(where + " has format password but not the x-descriptor " + CREDENTIALS);
        }
        List<?> allowed = enums.get(property);
        if (allowed != null && !allowed.equals(schema.get("enum"))) {
            violations.add(where + " does not declare enum " + allowed);
        }
        if (schema.get("enum") instanceof List<?> values && schema.containsKey("default") && !values.contains(schema.get("default"))) {
            violations.add(where + " has a default outside its enum");
        }
        // the component's unnamed callback is empty: a Kamelet defaulting to a name would route elsewhere than the component
        if (property.equals("callback") && schema.containsKey("default") && !"".equals(schema.get("default"))) {
            violations.add(where + " defaults to " + schema.get("default") + ", not the component's unnamed callback");
        }
    }

    private static void checkParameters(String name, Set<String> declared, Object template, List<String> violations) {
        List<String> texts = new ArrayList<>();
        strings(template, texts);
        Set<String> used = new LinkedHashSet<>();
        for (String text : texts) {
            if (NESTED_PLACEHOLDER.matcher(text).find()) {
                violations.add(name + ": nested placeholder in " + text);
            }
            Matcher m = PARAMETER.matcher(text);
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        used.stream().filter(p -> !declared.contains(p) && !SUPPLIED_BY_THE_KAMELET_COMPONENT.contains(p))
                .forEach(p -> violations.add(name + ": template uses " + p + ", which is not declared"));
        declared.stream().filter(p -> !used.contains(p)).forEach(p -> violations.add(name + ": " + p + " is declared but never used"));
    }

    private static void checkDataTypes(String name, String type, Map<String, Object> spec, List<String> violations) {
        if (spec.containsKey("types")) {
            violations.add(name + ": deprecated spec.types instead of spec.dataTypes");
        }
        Map<String, Object> dataTypes = map(spec.get("dataTypes"));
        List<String> expected = switch (type) {
            case "source" -> List.of("out");
            case "sink" -> List.of("in");
            default -> List.of("in", "out");
        };
        for (String direction : expected) {
            Map<String, Object> dataType = map(dataTypes.get(direction));
            Map<String, Object> types = map(dataType.get("types"));
            if (!types.containsKey(String.valueOf(dataType.get("default")))) {
                violations.add(name + ": no dataTypes." + direction + " with a default among its types");
            }
            types.forEach((id, t) -> {
                if (blank(map(t).get("format")) || blank(map(t).get("mediaType"))) {
                    violations.add(name + ": dataTypes." + direction + "." + id + " lacks format or mediaType");
                }
            });
        }
    }

    private static void strings(Object node, List<String> into) {
        if (node instanceof String s) {
            into.add(s);
        } else if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                strings(k, into);
                strings(v, into);
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> strings(v, into));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static boolean blank(Object value) {
        return value == null || String.valueOf(value).isBlank();
    }
}
