package io.camellanggraph.app;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every key resolves in every spelling Camel accepts, with README's precedence: environment, -D, overlay, jar. */
@Tag("fast")
class SettingsResolverTest {

    private static final String PATTERN = "camel.main.routes-include-pattern";

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "env, CAMEL_MAIN_ROUTES_INCLUDE_PATTERN",
        "env, CAMEL_MAIN_ROUTESINCLUDEPATTERN",
        "sys, camel.main.routes-include-pattern",
        "sys, camel.main.routesIncludePattern",
        "overlay, camel.main.routes-include-pattern",
        "overlay, camel.main.routesIncludePattern"})
    void routesPatternResolvesInEverySpellingCamelAccepts(String where, String name) {
        SettingsResolver resolver = resolver(where, name, "file:/srv/routes/*.camel.yaml");

        assertThat(resolver.resolve(PATTERN)).get().extracting(SettingsResolver.Setting::value)
                .isEqualTo("file:/srv/routes/*.camel.yaml");
        // what Camel is given: the canonical key, so placeholders and Camel Main's binding read the same value
        assertThat(resolver.explicit()).containsEntry(PATTERN, "file:/srv/routes/*.camel.yaml");
    }

    @Test
    void environmentWinsOverSystemPropertyWhichWinsOverOverlayWhichWinsOverTheJar() {
        Properties defaults = properties("langgraph.data-dir", "data");
        Properties overlay = properties("langgraph.dataDir", "overlay");
        Map<String, String> sys = Map.of("langgraph.data-dir", "sys");
        Map<String, String> env = Map.of("LANGGRAPH_DATADIR", "env");

        assertThat(new SettingsResolver(sys, env, overlay, defaults).resolve("langgraph.data-dir")).get()
                .isEqualTo(new SettingsResolver.Setting("env", "environment LANGGRAPH_DATADIR"));
        assertThat(new SettingsResolver(sys, Map.of(), overlay, defaults).resolve("langgraph.data-dir")).get()
                .isEqualTo(new SettingsResolver.Setting("sys", "-Dlanggraph.data-dir"));
        assertThat(new SettingsResolver(Map.of(), Map.of(), overlay, defaults).resolve("langgraph.data-dir")).get()
                .extracting(SettingsResolver.Setting::value).isEqualTo("overlay");
        assertThat(new SettingsResolver(Map.of(), Map.of(), new Properties(), defaults).resolve("langgraph.data-dir")).get()
                .extracting(SettingsResolver.Setting::value).isEqualTo("data");
    }

    @Test
    void jarDefaultsAreNotOverridesAndUnknownKeysResolveToNothing() {
        SettingsResolver resolver = new SettingsResolver(Map.of(), Map.of(), new Properties(), properties("langgraph.url", ""));

        assertThat(resolver.explicit()).isEmpty();
        assertThat(resolver.resolve("no.such.key")).isEmpty();
    }

    @Test
    void environmentNamesAreTheUnderscoreAndTheCollapsedForm() {
        assertThat(SettingsResolver.environmentNames("camel.main.routesIncludePattern"))
                .containsExactly("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN", "CAMEL_MAIN_ROUTESINCLUDEPATTERN");
        assertThat(SettingsResolver.environmentNames("langgraph.url")).containsExactly("LANGGRAPH_URL");
    }

    private static SettingsResolver resolver(String where, String name, String value) {
        Properties defaults = properties(PATTERN, "file:{{langgraph.home:.}}/routes/*.camel.yaml");
        return switch (where) {
            case "env" -> new SettingsResolver(Map.of(), Map.of(name, value), new Properties(), defaults);
            case "sys" -> new SettingsResolver(Map.of(name, value), Map.of(), new Properties(), defaults);
            default -> new SettingsResolver(Map.of(), Map.of(), properties(name, value), defaults);
        };
    }

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }
}
