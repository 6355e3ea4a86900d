package io.camellanggraph.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.testsupport.AppProcess;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the app with the shipped settings and {@code routes/} unchanged (only server URL, ports and folders
 * overridden) against a real LangGraph server, and finds the Quartz-scheduled run's result file.
 */
class ShippedRoutesTest {

    @Test
    void shippedExampleRoutesWriteTheScheduledRunsResultFile() throws Exception {
        Path out = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shipped-out-");
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shipped-data-");
        try (AppProcess app = new AppProcess("shipped-routes", LangGraphTestSupport.freePort())
                .with("langgraph.url", LangGraphServer.python().url())
                .with("app.out-dir", out.toString())
                .with("langgraph.data-dir", data.toString())
                .start()) {
            Path success = out.resolve("success");
            List<Path> files = await().atMost(Duration.ofSeconds(90)).until(() -> list(success), l -> !l.isEmpty());
            JsonNode run = new ObjectMapper().readTree(files.get(0).toFile());
            assertThat(run.path("status").asText()).isEqualTo("success");
            assertThat(run.path("values").path("upper").asText()).startsWith("HELLO FROM CAMEL-LANGGRAPH");
            assertThat(run.path("kwargs").path("webhook").asText()).contains("token=***");
            assertThat(app.log()).doesNotContainPattern("token=[A-Za-z0-9_-]{20,}");
        }
    }

    private static List<Path> list(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
