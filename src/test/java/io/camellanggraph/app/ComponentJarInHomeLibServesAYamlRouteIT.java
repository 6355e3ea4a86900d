package io.camellanggraph.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.PackagedApp;
import org.apache.camel.component.seda.SedaComponent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app loads {@code <home>/lib/*.jar} at startup (and logs them): a YAML route in {@code <home>/routes}
 * uses {@code seda:}, a Camel component the app jar does not ship, from a camel-seda jar dropped into
 * {@code <home>/lib/}, without rebuilding anything.
 */
class ComponentJarInHomeLibServesAYamlRouteIT {

    @Test
    void yamlRouteUsesAComponentFromAJarInHomeLib() throws Exception {
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "home-lib-");
        Path home = base.resolve("home");
        Files.createDirectories(home.resolve("routes"));
        Files.createDirectories(home.resolve("lib"));
        Path jar = Path.of(SedaComponent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(Path.of("target/lib").resolve(jar.getFileName())).as("not shipped with the app").doesNotExist();
        Files.copy(jar, home.resolve("lib").resolve(jar.getFileName()));
        Path out = base.resolve("stream.txt");
        Files.writeString(home.resolve("routes/stream.camel.yaml"), """
                - route:
                    id: stream-from-lib
                    from:
                      uri: "timer:once?repeatCount=1"
                      steps:
                        - setBody:
                            constant: "written by a component from lib/"
                        - to: "seda:from-lib"
                - route:
                    id: seda-from-lib
                    from:
                      uri: "seda:from-lib"
                      steps:
                        - to: "file:%s?fileName=%s"
                """.formatted(out.getParent(), out.getFileName()));
        try (PackagedApp app = new PackagedApp("home-lib", Files.createDirectories(base.resolve("work")), LangGraphTestSupport.freePort())
                .env("LANGGRAPH_URL", LangGraphServer.python().url())
                .env("LANGGRAPH_HOME", home.toString())
                .env("LANGGRAPH_DATA_DIR", base.resolve("data").toString())
                .env("APP_OUT_DIR", base.resolve("out").toString())
                .start().awaitReady()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(out) && !Files.readString(out).isBlank());
            assertThat(Files.readString(out)).contains("written by a component from lib/");
            assertThat(app.log()).contains("Extra jars: 1 loaded from " + home.resolve("lib") + ": [" + jar.getFileName() + "]");
        }
    }
}
