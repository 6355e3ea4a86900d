package io.camellanggraph.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.Redaction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parses the webhook bodies a real LangGraph JS dev server sent (src/test/resources/webhook-captures). */
@Tag("fast")
class WebhookCapturesParsingTest {

    private static final Path CAPTURES = Path.of("src/test/resources/webhook-captures/js-dev-server-1.5.1");
    private final ObjectMapper mapper = new ObjectMapper();

    static Stream<Path> captures() throws IOException {
        try (Stream<Path> files = Files.list(CAPTURES)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".request.json"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyCapturedWebhookParsesAsATerminalRun(Path capture) throws IOException {
        Run run = Run.of(mapper.readTree(capture.toFile()));
        assertThat(run.runId()).isNotBlank();
        assertThat(run.status()).isIn("success", "error", "timeout", "interrupted", "rollback");
        assertThat(run.isTerminal()).isTrue();
        assertThat(run.assistantId()).isNotBlank();
    }

    @Test
    void errorAsPlainStringFromTheJsServerIsReadable() throws IOException {
        Run run = Run.of(mapper.readTree(CAPTURES.resolve("run-error.json").toFile()));
        assertThat(run.status()).isEqualTo("error");
        assertThat(run.errorMessage()).isEqualTo("boom: deliberate failure for input \"x\"");
    }

    @Test
    void errorAsObjectFromThePythonServerIsReadable() throws IOException {
        ObjectNode json = (ObjectNode) mapper.readTree(CAPTURES.resolve("run-error.json").toFile());
        json.putObject("error").put("error", "ValueError").put("message", "boom");
        assertThat(Run.of(json).errorMessage()).isEqualTo("ValueError: boom");
    }

    @Test
    void rollbackReportedAsErrorByTheJsServerKeepsItsReason() throws IOException {
        Run run = Run.of(mapper.readTree(CAPTURES.resolve("run-multitask-rolled-back.json").toFile()));
        assertThat(run.status()).isEqualTo("error");
        assertThat(run.errorMessage()).isEqualTo("rollback");
    }

    @Test
    void temporaryStatelessRunsComeWithoutValuesAndKeptOnesWithThem() throws IOException {
        assertThat(Run.of(mapper.readTree(CAPTURES.resolve("stateless-background.json").toFile())).values()).isNull();
        JsonNode kept = Run.of(mapper.readTree(CAPTURES.resolve("stateless-background-keep.json").toFile())).values();
        assertThat(kept.path("upper").asText()).isEqualTo("STATELESS KEEP");
    }

    @Test
    void redactionMasksTheTokenTheServerEchoesInKwargsWebhook() throws IOException {
        ObjectNode json = (ObjectNode) mapper.readTree(CAPTURES.resolve("run-success.json").toFile());
        assertThat(json.path("kwargs").path("webhook").asText()).contains("token=abc");
        Redaction.redactRun(json);
        assertThat(json.toString()).doesNotContain("token=abc");
        assertThat(json.path("kwargs").path("webhook").asText()).isEqualTo("http://127.0.0.1:8765/hook?token=***");
    }

    @Test
    void somethingThatIsNotARunIsRefused() throws IOException {
        assertThatThrownBy(() -> Run.of(mapper.readTree("{\"hello\": 1}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Run.of(mapper.readTree("[1,2]"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamCaptureReadsIntoOrderedEventsAndFinalValues() throws IOException {
        SseReader reader = new SseReader(mapper);
        try (InputStream in = Files.newInputStream(CAPTURES.resolve("stateless-stream.sse.txt"));
             var buffered = new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
            StreamResult result = reader.read(buffered, "POST /runs/stream");
            List<String> names = result.events().stream().map(SseEvent::event).toList();
            assertThat(names).startsWith("metadata", "values");
            assertThat(result.runId()).isEqualTo("01a21c17-bc9a-7713-98dd-f3e6e92d3776");
            assertThat(result.values().path("upper").asText()).isEqualTo("STATELESS STREAM");
        }
    }
}
