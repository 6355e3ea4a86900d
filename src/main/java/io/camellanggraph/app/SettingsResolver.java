package io.camellanggraph.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Resolves the app's settings in every spelling Camel accepts, so that the app's own checks and Camel Main's binding
 * never disagree. A key such as {@code camel.main.routes-include-pattern} is found, first match wins:
 * <ol>
 * <li>as an environment variable, upper case with dots and dashes as underscores
 * ({@code CAMEL_MAIN_ROUTES_INCLUDE_PATTERN}) or with the dashes dropped, as Camel Main's docs spell camelCase options
 * ({@code CAMEL_MAIN_ROUTESINCLUDEPATTERN}); the environment wins over {@code -D}, as in Camel's property
 * placeholders;</li>
 * <li>as a JVM system property in kebab-case or camelCase ({@code -Dcamel.main.routesIncludePattern});</li>
 * <li>in the overlay files, in either spelling;</li>
 * <li>in the jar's defaults.</li>
 * </ol>
 * The keys are those of the jar's defaults and of the overlay. {@link #explicit()} gives the first three sources'
 * values under the canonical (kebab-case) key: the app hands them to Camel as override properties, which both the
 * placeholders ({@code {{key}}}) and Camel Main's option binding read before anything else.
 */
public final class SettingsResolver {

    /** A resolved value and where it came from (for a log line; never the value of a secret). */
    public record Setting(String value, String source) {
    }

    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final Properties overlay;
    private final Properties defaults;

    public SettingsResolver(Map<String, String> systemProperties, Map<String, String> environment, Properties overlay,
            Properties defaults) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.overlay = overlay;
        this.defaults = defaults;
    }

    /** The canonical spelling: kebab-case ({@code routesIncludePattern} becomes {@code routes-include-pattern}). */
    public static String canonical(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The environment variable names of a key, the underscore form first. */
    public static List<String> environmentNames(String key) {
        String kebab = canonical(key);
        String underscores = kebab.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        String collapsed = kebab.replace("-", "").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return underscores.equals(collapsed) ? List.of(underscores) : List.of(underscores, collapsed);
    }

    /** The value of {@code key} in any accepted spelling, with its source; empty when no source has it. */
    public Optional<Setting> resolve(String key) {
        for (String name : environmentNames(key)) {
            String value = environment.get(name);
            if (value != null) {
                return Optional.of(new Setting(value, "environment " + name));
            }
        }
        Optional<Setting> found = relaxed(systemProperties, key, "-D");
        if (found.isEmpty()) {
            found = relaxed(asMap(overlay), key, "overlay");
        }
        if (found.isEmpty()) {
            found = relaxed(asMap(defaults), key, "default");
        }
        return found;
    }

    /**
     * Every known key that the environment, {@code -D} or the overlay sets, in any spelling, by its canonical name:
     * what Camel must be given as override properties.
     */
    public Map<String, String> explicit() {
        Map<String, String> known = new TreeMap<>();
        for (Properties source : List.of(defaults, overlay)) {
            source.stringPropertyNames().forEach(k -> known.put(canonical(k), k));
        }
        Map<String, String> explicit = new LinkedHashMap<>();
        known.keySet().forEach(key -> resolve(key).filter(s -> !s.source().startsWith("default"))
                .ifPresent(s -> explicit.put(key, s.value())));
        return explicit;
    }

    private static Optional<Setting> relaxed(Map<String, String> source, String key, String label) {
        String wanted = folded(key);
        return source.entrySet().stream().filter(e -> folded(e.getKey()).equals(wanted)).findFirst()
                .map(e -> new Setting(e.getValue(), label.equals("-D") ? "-D" + e.getKey() : label + " " + e.getKey()));
    }

    /** How Camel compares option names: case-insensitive, dashes ignored. */
    private static String folded(String key) {
        return key.replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }
}
