package io.camellanggraph.app;

import java.nio.file.Files;
import java.nio.file.Path;

import io.camellanggraph.store.StoreLocation;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.MainHelper;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's settings, resolved one way for the app, its listeners and the {@code plan}/{@code status}/{@code replay}
 * command line: Camel's properties component over these sources, each overriding the ones below it:
 * <ol>
 * <li>every key as {@code -Dkey=value} and as an environment variable in Camel's convention ({@code LANGGRAPH_URL}
 * for {@code langgraph.url});</li>
 * <li>the optional overlay {@code <home>/config/application.properties} and {@code <home>/config/outputs.properties}
 * ({@code LANGGRAPH_CONFIG} names another first file), where home is {@code -Dlanggraph.home}, else
 * {@code LANGGRAPH_HOME}, else the working directory;</li>
 * <li>the defaults inside the jar ({@code classpath:application.properties} with the {@code langgraph.*} to
 * {@code camel.component.langgraph.*} mapping, and {@code classpath:outputs.properties}).</li>
 * </ol>
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
        return new AppSettings(context.getPropertiesComponent());
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

    /**
     * Camel Main reads environment variables only for {@code camel.main.*} and {@code camel.component.*}; this gives
     * every other {@code camel.*} key the settings files hold (e.g. {@code CAMEL_SERVER_PORT},
     * {@code CAMEL_MANAGEMENT_PORT}) the same treatment, as override properties. A {@code -D} of the same key still
     * wins. Call it before Camel Main configures itself.
     */
    public void overrideCamelKeysFromEnvironment() {
        for (String key : properties.loadProperties(k -> k.startsWith("camel.")).stringPropertyNames()) {
            String value = System.getenv(MainHelper.toEnvVar(key));
            if (value != null && System.getProperty(key) == null) {
                properties.addOverrideProperty(key, value);
            }
        }
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
