package io.camellanggraph.app;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's main job, as a user runs it: the packaged {@code target/camel-langgraph-app.jar} from the project
 * directory with no LangGraph URL configured. It must start the embedded LangGraph server by itself and write a
 * result file within two minutes. (Port and folders are moved under target/ so the test does not touch out/.)
 */
class MainJobIT {

    @Test
    void packagedAppWithNoConfigurationWritesAResultFileWithinTwoMinutes() throws Exception {
        Path out = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "main-job-out-");
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "main-job-data-");
        int port = LangGraphTestSupport.freePort();
        Path log = Path.of("target", "app-logs", "main-job.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcamel.server.port=" + port, "-Dcamel.management.port=" + LangGraphTestSupport.freePort(), "-Dapp.out-dir=" + out, "-Dlanggraph.data-dir=" + data,
                "-Djms.embedded.port=0", "-jar", "target/camel-langgraph-app.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            List<Path> results = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> jsonFiles(out.resolve("success")), files -> !files.isEmpty());
            assertThat(Files.readString(results.get(0))).contains("HELLO FROM CAMEL-LANGGRAPH");
            assertThat(Files.readString(log)).contains("starting the embedded LangGraph");
            try (Socket receiver = new Socket("127.0.0.1", port)) {
                assertThat(receiver.isConnected()).isTrue();
            }
            long serverPid = Long.parseLong(Files.readString(data.resolve("embedded-langgraph-python/server.pid")).trim());
            app.destroy();
            app.waitFor();
            // the embedded server goes with the app (stopped by it, or by the script's watchdog of the app's PID)
            await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(serverPid).map(p -> !p.isAlive()).orElse(true));
        } finally {
            app.destroyForcibly();
        }
    }

    private static List<Path> jsonFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
                    .toList();
        }
    }
}
