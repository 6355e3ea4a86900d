package io.camellanggraph.kamelets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quartz.CronTrigger;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every shipped Kamelet, as the build packages it (version filled in from the pom), passes the Kamelet catalog's rules
 * ({@link KameletCatalogRules}); and each deviation those rules exist for, applied to a shipped Kamelet, is caught.
 */
@Tag("fast")
class KameletsConformToTheCatalogRulesTest {

    private static final Path SOURCES = Path.of(System.getProperty("project.basedir", "."), "src/main/resources/kamelets");
    private static final String VERSION = System.getProperty("project.version");
    private static final List<String> NAMES = List.of("langgraph-cron-source", "langgraph-run-action",
            "langgraph-schedule-source", "langgraph-webhook-source");

    private final KameletCatalogRules rules = new KameletCatalogRules(VERSION, Map.of(
            "multitaskStrategy", componentOptionEnum("multitaskStrategy"),
            "misfireInstruction", List.of(CronTrigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY, CronTrigger.MISFIRE_INSTRUCTION_SMART_POLICY,
                    CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW, CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING)));

    @Test
    void everyKameletInTheSourcesIsShipped() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(NAMES.stream().map(n -> n + ".kamelet.yaml").toList());
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void shippedKameletHasNoViolation(String name) {
        assertThat(rules.violations(name + ".kamelet.yaml", shipped(name))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("names")
    void kameletSourceTakesItsVersionFromThePom(String name) throws IOException {
        Map<String, Object> source = parse(Files.readString(SOURCES.resolve(name + ".kamelet.yaml")));

        assertThat(annotations(source)).containsEntry("camel.apache.org/catalog.version", "${project.version}");
        assertThat(spec(source).get("dependencies")).asList().contains("mvn:io.camellanggraph:camel-langgraph:${project.version}");
    }

    static Stream<Arguments> deviations() {
        return Stream.of(
                deviation("no icon", "langgraph-webhook-source", k -> annotations(k).remove("camel.apache.org/kamelet.icon"),
                        "no annotation camel.apache.org/kamelet.icon"),
                deviation("deprecated spec.types", "langgraph-webhook-source",
                        k -> spec(k).put("types", spec(k).remove("dataTypes")), "deprecated spec.types"),
                deviation("a source title not ending in Source", "langgraph-schedule-source",
                        k -> definition(k).put("title", "LangGraph Schedule Source (Camel-side clock)"), "does not end with Source"),
                deviation("a nested placeholder", "langgraph-schedule-source",
                        k -> fromParameters(k).put("schedule", "{{langgraph-cron:{{schedule}}}}"), "nested placeholder"),
                deviation("a dependency on another version", "langgraph-run-action",
                        k -> spec(k).put("dependencies", List.of("camel:kamelet", "mvn:io.camellanggraph:camel-langgraph:0.0.1")),
                        "is not version " + VERSION),
                deviation("a catalog version other than the pom's", "langgraph-run-action",
                        k -> annotations(k).put("camel.apache.org/catalog.version", "0.0.1"), "is not the project's version"),
                deviation("multitaskStrategy without enum", "langgraph-run-action",
                        k -> property(k, "multitaskStrategy").remove("enum"), "multitaskStrategy does not declare enum"),
                deviation("misfireInstruction without enum", "langgraph-schedule-source",
                        k -> property(k, "misfireInstruction").remove("enum"), "misfireInstruction does not declare enum"),
                deviation("callback required and defaulted", "langgraph-webhook-source", k -> {
                    definition(k).put("required", List.of("callback"));
                    property(k, "callback").put("default", "");
                }, "callback is required and has a default"),
                deviation("a default callback other than the component's", "langgraph-run-action",
                        k -> property(k, "callback").put("default", "default"), "not the component's unnamed callback"),
                deviation("a secret without format password", "langgraph-run-action",
                        k -> property(k, "apiKey").remove("format"), "apiKey is a secret without format: password"),
                deviation("a password without the credentials descriptor", "langgraph-run-action",
                        k -> property(k, "apiKey").remove("x-descriptors"), "not the x-descriptor urn:camel:group:credentials"),
                deviation("a declared property never used", "langgraph-webhook-source",
                        k -> definition(k).put("properties", Map.of("callback", property(k, "callback"), "unused",
                                Map.of("title", "Unused", "description", "Not used.", "type", "string"))),
                        "unused is declared but never used"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deviations")
    void deviationIsCaught(String name, Consumer<Map<String, Object>> deviate, String expected) {
        Map<String, Object> kamelet = shipped(name);
        deviate.accept(kamelet);

        assertThat(rules.violations(name + ".kamelet.yaml", kamelet)).anyMatch(v -> v.contains(expected));
    }

    private static Arguments deviation(String what, String kamelet, Consumer<Map<String, Object>> deviate, String expected) {
        return arguments(Named.of(kamelet + " with " + what, kamelet), deviate, expected);
    }

    static Stream<String> names() {
        return NAMES.stream();
    }

    /** The Kamelet as packaged (target/classes, filtered), a fresh mutable copy on each call. */
    private static Map<String, Object> shipped(String name) {
        try (InputStream in = KameletsConformToTheCatalogRulesTest.class.getResourceAsStream("/kamelets/" + name + ".kamelet.yaml")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String yaml) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    /** The allowed values of a component option, from the component's generated catalog metadata. */
    private static List<?> componentOptionEnum(String option) {
        try (InputStream in = KameletsConformToTheCatalogRulesTest.class.getResourceAsStream("/META-INF/io/camellanggraph/component/langgraph.json")) {
            JsonNode values = new ObjectMapper().readTree(in).path("properties").path(option).path("enum");
            List<String> allowed = new ArrayList<>();
            values.forEach(v -> allowed.add(v.asText()));
            return allowed;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    private static Map<String, Object> annotations(Map<String, Object> kamelet) {
        return child(child(kamelet, "metadata"), "annotations");
    }

    private static Map<String, Object> spec(Map<String, Object> kamelet) {
        return child(kamelet, "spec");
    }

    private static Map<String, Object> definition(Map<String, Object> kamelet) {
        return child(spec(kamelet), "definition");
    }

    private static Map<String, Object> property(Map<String, Object> kamelet, String name) {
        return child(child(definition(kamelet), "properties"), name);
    }

    private static Map<String, Object> fromParameters(Map<String, Object> kamelet) {
        return child(child(child(spec(kamelet), "template"), "from"), "parameters");
    }
}
