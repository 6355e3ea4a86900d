package io.camellanggraph.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.camellanggraph.store.StoreLocation;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's settings, resolved one way for the app, its listeners and the {@code plan}/{@code status}/{@code replay}
 * command line: Camel's properties component over these sources, each overriding the ones below it:
 * <ol>
 * <li>every key as an environment variable ({@code LANGGRAPH_URL} for {@code langgraph.url};
 * {@code CAMEL_MAIN_ROUTES_INCLUDE_PATTERN} or {@code CAMEL_MAIN_ROUTESINCLUDEPATTERN}) and as {@code -Dkey=value}
 * (kebab-case or camelCase), in every spelling Camel accepts ({@link SettingsResolver});</li>
 * <li>the optional overlay {@code <home>/config/application.properties} and {@code <home>/config/outputs.properties}
 * ({@code LANGGRAPH_CONFIG} names another first file), where home is {@code -Dlanggraph.home}, else
 * {@code LANGGRAPH_HOME}, else the working directory;</li>
 * <li>the defaults inside the jar ({@code classpath:application.properties} with the {@code langgraph.*} to
 * {@code camel.component.langgraph.*} mapping, and {@code classpath:outputs.properties}).</li>
 * </ol>
 * What the first two sources and the overlay set is handed to Camel as override properties
 * ({@link #applyExplicitSettings}), so the placeholders, Camel Main's binding and the app's own checks all read the
 * same value.
 */
public final class AppSettings {

    private static final Logger LOG = LoggerFactory.getLogger(AppSettings.class);

    private final PropertiesComponent properties;

    private AppSettings(PropertiesComponent properties) {
        this.properties = properties;
    }

    /** The settings of a running app (its context's properties component, set up with {@link #locations()}). */
    public static AppSettings of(CamelContext context) {
        return new AppSettings(context.getPropertiesComponent());
    }

    /** The same settings without a running app, for the command line: a context that is never started. */
    public static AppSettings standalone() {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation(locations());
        resolver().explicit().forEach(context.getPropertiesComponent()::addOverrideProperty);
        return new AppSettings(context.getPropertiesComponent());
    }

    /**
     * Gives Camel Main every setting the environment, {@code -D} or the overlay sets, in any spelling, as an override
     * property under its canonical name. Call it before Camel Main configures itself.
     */
    public static void applyExplicitSettings(Main main) {
        resolver().explicit().forEach(main::addOverrideProperty);
    }

    /** The resolver over this JVM's system properties, its environment, the overlay files and the jar's defaults. */
    static SettingsResolver resolver() {
        Properties overlay = new Properties();
        load(overlay, home().resolve("config/outputs.properties"));
        load(overlay, overlay());
        Properties defaults = new Properties();
        for (String resource : new String[] {"outputs.properties", "application.properties"}) {
            try (InputStream in = AppSettings.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    defaults.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the jar's " + resource, e);
            }
        }
        Map<String, String> system = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(k -> system.put(k, System.getProperty(k)));
        return new SettingsResolver(system, System.getenv(), overlay, defaults);
    }

    private static void load(Properties properties, Path file) {
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the settings overlay " + file, e);
            }
        }
    }

    /** Where the overlay ({@code config/}), the routes and, for the embedded server, {@code scripts/} and {@code graphs/} are. */
    public static Path home() {
        String home = System.getProperty("langgraph.home");
        if (home == null || home.isBlank()) {
            home = System.getenv().getOrDefault("LANGGRAPH_HOME", "");
        }
        return Path.of(home.isBlank() ? "." : home.trim()).toAbsolutePath().normalize();
    }

    /** The overlay's main file: {@code LANGGRAPH_CONFIG}, or {@code <home>/config/application.properties}. */
    public static Path overlay() {
        String config = System.getenv().getOrDefault("LANGGRAPH_CONFIG", "");
        return config.isBlank() ? home().resolve("config/application.properties") : Path.of(config).toAbsolutePath();
    }

    /** The property placeholder locations, in Camel's syntax: the first location holding a key wins. */
    public static String locations() {
        return "file:" + overlay() + ";optional=true,"
                + "file:" + home().resolve("config/outputs.properties") + ";optional=true,"
                + "classpath:application.properties,classpath:outputs.properties";
    }

    /** Says at startup where the overlay was looked for and whether it was found. */
    public static void logOverlay() {
        Path overlay = overlay();
        Path outputs = home().resolve("config/outputs.properties");
        LOG.info("Settings: defaults from the jar; overlay {} {}, {} {} (home {}: -Dlanggraph.home, LANGGRAPH_HOME or the working"
                + " directory); environment variables and -D override both", overlay, found(overlay), outputs, found(outputs), home());
    }

    private static String found(Path file) {
        return Files.isRegularFile(file) ? "found" : "not found";
    }

    /** The trimmed value of {@code key}, or {@code defaultValue} when it is unset or blank. */
    public String get(String key, String defaultValue) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(defaultValue);
    }

    /** The data directory of the component (embedded store, generated webhook secret, broker journal). */
    public Path dataDir() {
        return Path.of(get("camel.component.langgraph.data-dir", "data"));
    }

    /** The callback store the component opens with these settings. */
    public StoreLocation storeLocation() {
        return StoreLocation.of(get("camel.component.langgraph.store-url", ""), get("camel.component.langgraph.store-user", ""),
                get("camel.component.langgraph.store-password", ""), dataDir());
    }
}
