package io.camellanggraph.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.camellanggraph.testsupport.AppProcess;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped routes with the LangGraph server down while Quartz ticks: each run request is retried with back-off,
 * then dead-lettered with the request and logged at ERROR; when the server is back, ticks run again.
 */
class ServerDownDuringTicksTest {

    @Test
    void ticksWhileTheServerIsDownAreRetriedThenDeadLetteredWithTheirRequest() throws Exception {
        Path out = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "down-ticks-out-");
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "down-ticks-data-");
        try (LangGraphServer server = LangGraphServer.dedicated(LangGraphServer.Kind.PYTHON, true)) {
            String url = server.url();
            server.stop();
            try (AppProcess app = new AppProcess("down-ticks", LangGraphTestSupport.freePort())
                    .with("langgraph.url", url)
                    .with("app.out-dir", out.toString())
                    .with("langgraph.data-dir", data.toString())
                    .with("example.schedule", "0/5 * * * * ?")
                    .with("schedule.redelivery.maximum", "2")
                    .with("schedule.redelivery.delay", "200")
                    .with("jms.embedded.port", "0")
                    .start()) {
                List<Path> deadLetters = await().atMost(Duration.ofSeconds(60))
                        .until(() -> jsonFiles(out.resolve("dead-letter/requests")), files -> !files.isEmpty());
                assertThat(Files.readString(deadLetters.get(0))).contains("hello from camel-langgraph");
                String log = app.log();
                assertThat(log).contains("Failed delivery for").contains("On delivery attempt: 2");
                assertThat(log).contains("Run request dead-lettered").contains("unreachable");

                // back up: the next ticks run and their results arrive
                server.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> !jsonFiles(out.resolve("success")).isEmpty());
            }
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
}
