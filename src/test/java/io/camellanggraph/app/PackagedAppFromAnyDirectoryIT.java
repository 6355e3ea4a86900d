package io.camellanggraph.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.PackagedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar as a service manager starts it (issue 13): from an empty directory of its own, configured by
 * environment variables only, against a real Python LangGraph server. Its defaults come from inside the jar; routes
 * and the optional {@code config/} overlay are found from {@code LANGGRAPH_HOME}.
 */
class PackagedAppFromAnyDirectoryIT {

    private final Path base = tempDir("any-dir-");

    @Test
    void jarStartedFromAnEmptyDirectoryWithEnvironmentVariablesOnlyRoutesAResult() throws Exception {
        Path workDir = Files.createDirectories(base.resolve("empty-work-dir"));
        Path home = Files.createDirectories(base.resolve("home/routes"));
        Files.copy(Path.of("routes/example.camel.yaml"), home.resolve("example.camel.yaml"));
        Path out = base.resolve("out");
        try (PackagedApp app = new PackagedApp("any-dir", workDir, LangGraphTestSupport.freePort())
                .env("LANGGRAPH_URL", LangGraphServer.python().url())
                .env("LANGGRAPH_HOME", home.getParent().toString())
                .env("LANGGRAPH_DATA_DIR", base.resolve("data").toString())
                .env("APP_OUT_DIR", out.toString())
                .env("EXAMPLE_SCHEDULE", "0/2 * * * * ?")
                .start().awaitReady()) {
            List<Path> results = await().atMost(Duration.ofSeconds(60)).until(() -> jsonFiles(out.resolve("success")), f -> !f.isEmpty());
            assertThat(Files.readString(results.get(0))).contains("HELLO FROM CAMEL-LANGGRAPH");
            assertThat(app.log())
                    .contains("overlay " + home.getParent().resolve("config/application.properties") + " not found")
                    .contains("Routes: 3 found with camel.main.routes-include-pattern=file:" + home.getParent() + "/routes/*.camel.yaml");
            // the probes: live is the JVM and Camel; ready is the receiver, the store and the routes' consumers
            assertThat(app.probe("live")).isEqualTo(200);
            assertThat(app.health("ready?exposureLevel=full").body())
                    .contains("\"langgraph-receiver\"", "\"langgraph-store\"", "\"consumer:example-results\"", "\"route:example-schedule\"")
                    .doesNotContain("langgraph-server").doesNotContain("DOWN");
            // nothing was written into the working directory: every path came from the settings
            try (Stream<Path> files = Files.list(workDir)) {
                assertThat(files).isEmpty();
            }
        }
    }

    /**
     * The settings matrix: the routes pattern (a directory the default would not find), the data dir and the server URL,
     * each set in one spelling Camel accepts, the jar started from an empty directory. The routes are found, the store
     * is where the data dir says and the run went to the server the URL names (no embedded server could start here).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"env-underscores", "env-camel-case", "system-property-kebab-case", "system-property-camel-case"})
    void routesPatternDataDirAndServerUrlAreBoundInEverySpelling(String spelling) throws Exception {
        Path dir = Files.createDirectories(base.resolve(spelling));
        Path routes = Files.createDirectories(dir.resolve("srv/my-routes"));
        Files.copy(Path.of("routes/example.camel.yaml"), routes.resolve("example.camel.yaml"));
        Path data = dir.resolve("state");
        Path out = dir.resolve("out");
        String pattern = "file:" + routes + "/*.camel.yaml";
        PackagedApp app = new PackagedApp("matrix-" + spelling, Files.createDirectories(dir.resolve("work")), LangGraphTestSupport.freePort())
                .env("APP_OUT_DIR", out.toString()).env("EXAMPLE_SCHEDULE", "0/2 * * * * ?");
        // each key in the spelling under test, written out (the IT runs against the library jar, without the app's classes)
        Map<String, String[]> names = Map.of(
                "env-underscores", new String[] {"CAMEL_MAIN_ROUTES_INCLUDE_PATTERN", "LANGGRAPH_DATA_DIR", "CAMEL_COMPONENT_LANGGRAPH_URL"},
                "env-camel-case", new String[] {"CAMEL_MAIN_ROUTESINCLUDEPATTERN", "LANGGRAPH_DATADIR", "CAMEL_COMPONENT_LANGGRAPH_URL"},
                "system-property-kebab-case", new String[] {"camel.main.routes-include-pattern", "langgraph.data-dir", "camel.component.langgraph.url"},
                "system-property-camel-case", new String[] {"camel.main.routesIncludePattern", "langgraph.dataDir", "camel.component.langgraph.url"});
        String[] values = {pattern, data.toString(), LangGraphServer.python().url()};
        for (int i = 0; i < values.length; i++) {
            String name = names.get(spelling)[i];
            if (spelling.startsWith("env")) {
                app.env(name, values[i]);
            } else {
                app.systemProperty(name, values[i]);
            }
        }
        try (app) {
            app.start().awaitReady();
            await().atMost(Duration.ofSeconds(60)).until(() -> jsonFiles(out.resolve("success")), f -> !f.isEmpty());
            assertThat(app.log()).contains("Routes: 3 found with camel.main.routes-include-pattern=" + pattern)
                    .doesNotContain("starting the embedded LangGraph");
            assertThat(data.resolve("langgraph-callbacks.db")).isRegularFile();
        }
    }

    @Test
    void overlayInLanggraphHomeOverridesTheJarsDefaultsAndTheEnvironmentOverridesTheOverlay() throws Exception {
        Path home = Files.createDirectories(base.resolve("home"));
        Files.createDirectories(home.resolve("routes"));
        Files.copy(Path.of("routes/example.camel.yaml"), home.resolve("routes/example.camel.yaml"));
        Path overlayOut = base.resolve("overlay-out");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/application.properties"), """
                app.out-dir = %s
                example.schedule = 0/2 * * * * ?
                langgraph.url = http://127.0.0.1:1
                """.formatted(overlayOut));
        try (PackagedApp app = new PackagedApp("overlay", Files.createDirectories(base.resolve("work")), LangGraphTestSupport.freePort())
                .env("LANGGRAPH_URL", LangGraphServer.python().url())
                .env("LANGGRAPH_HOME", home.toString())
                .env("LANGGRAPH_DATA_DIR", base.resolve("data").toString())
                .start().awaitReady()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> jsonFiles(overlayOut.resolve("success")), f -> !f.isEmpty());
            assertThat(app.log()).contains("overlay " + home.resolve("config/application.properties") + " found");
        }
    }

    @Test
    void routesDirectoryThatDoesNotExistStopsTheStartupWithAClearErrorAndExitCodeOne() throws Exception {
        Path home = Files.createDirectories(base.resolve("home-without-routes"));
        try (PackagedApp app = new PackagedApp("no-routes", home, LangGraphTestSupport.freePort())
                .env("LANGGRAPH_URL", LangGraphServer.python().url())
                .env("LANGGRAPH_HOME", home.toString())
                .env("LANGGRAPH_DATA_DIR", base.resolve("data-no-routes").toString())
                .start()) {
            assertThat(app.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
            assertThat(app.log()).contains("camel-langgraph failed: no routes: " + home.resolve("routes") + " does not exist"
                    + " (camel.main.routes-include-pattern=file:" + home + "/routes/*.camel.yaml");
        }
    }

    private static List<Path> jsonFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
