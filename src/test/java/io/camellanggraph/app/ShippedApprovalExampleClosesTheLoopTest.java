package io.camellanggraph.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The app with the shipped routes (only the approval example's clock made faster): a run of the approval graph waits
 * at its interrupt, its resume URL is written to out/awaiting-input (never to the log), the page shows the question,
 * the POSTed answer resumes the run and its outcome is written to out/approvals/success.
 */
class ShippedApprovalExampleClosesTheLoopTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void approvalRunWaitsAtItsUrlAndTheAnswerFinishesIt() throws Exception {
        Path out = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "approval-out-");
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "approval-data-");
        try (AppProcess app = new AppProcess("approval-example", LangGraphTestSupport.freePort())
                .with("langgraph.url", LangGraphServer.python().url())
                .with("app.out-dir", out.toString())
                .with("langgraph.data-dir", data.toString())
                .with("jms.embedded.port", Integer.toString(LangGraphTestSupport.freePort()))
                .with("example.approval-schedule", "0/5 * * * * ?")
                .start()) {
            Path link = await().atMost(Duration.ofSeconds(90)).until(() -> list(out.resolve("awaiting-input")), l -> !l.isEmpty()).get(0);
            String url = Files.readString(link).trim();
            assertThat(url).startsWith("http://127.0.0.1:" + app.port() + "/langgraph/resume/");

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Approve?").contains("refund 40 EUR");
            HttpResponse<String> answered = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("answer=approve")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answered.statusCode()).isEqualTo(202);

            String runOf = link.getFileName().toString().replace(".txt", "");
            List<Path> done = await().atMost(Duration.ofSeconds(60)).until(() -> list(out.resolve("approvals/success")), l -> !l.isEmpty());
            JsonNode run = new ObjectMapper().readTree(done.get(0).toFile());
            assertThat(run.path("values").path("decision").asText()).isEqualTo("approve");
            assertThat(run.path("values").path("approved").asBoolean()).isTrue();
            assertThat(run.path("run_id").asText()).isNotEqualTo(runOf);
            String handle = url.substring(url.lastIndexOf('/') + 1);
            assertThat(app.log()).contains("waits for approval").doesNotContain(handle);
        }
    }

    private static List<Path> list(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
