package io.camellanggraph.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.PackagedApp;
import org.apache.camel.component.stream.StreamComponent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged app loads {@code <home>/lib/*.jar} at startup (and logs them): a YAML route in {@code <home>/routes}
 * uses {@code stream:}, a Camel component the app jar does not ship, from a camel-stream jar dropped into
 * {@code <home>/lib/}, without rebuilding anything.
 */
class ComponentJarInHomeLibServesAYamlRouteIT {

    @Test
    void yamlRouteUsesAComponentFromAJarInHomeLib() throws Exception {
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "home-lib-");
        Path home = base.resolve("home");
        Files.createDirectories(home.resolve("routes"));
        Files.createDirectories(home.resolve("lib"));
        Path jar = Path.of(StreamComponent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
                        - to: "stream:file?fileName=%s&closeOnDone=true"
                """.formatted(out));
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
