package io.camellanggraph.app.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.app.LangGraphApplication;
import io.camellanggraph.testsupport.AppProcess;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pause, resume and run now of {@code langgraph:schedule}s from the operator API (admin token) and the command line,
 * against a real app process and the real Python server; with no app running, pause goes into the store and holds
 * when the app starts.
 */
class SchedulesFromThePageAndTheCommandLineTest {

    private static final String ADMIN = "schedules-admin-token";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Path data = tempDir("schedule-ops-data-");
    private final int port = LangGraphTestSupport.freePort();

    private AppProcess app(String name) {
        return new AppProcess(name, port)
                .with("langgraph.url", LangGraphServer.python().url())
                .with("langgraph.webhook.secret", LangGraphTestSupport.SECRET)
                .with("langgraph.admin-token", ADMIN)
                .with("langgraph.data-dir", data.toString())
                // no TCP acceptor for the embedded broker: nothing to collide with on a shared machine
                .with("jms.embedded.port", "0")
                .with("app.out-dir", tempDir("schedule-ops-out-").toString())
                .with("camel.main.routes-include-pattern", "file:src/test/resources/routes/schedules.camel.yaml");
    }

    @Test
    void pauseResumeAndRunNowWorkFromTheApiAndTheCommandLineAndAnOfflinePauseHoldsAtStart() throws Exception {
        String management;
        try (AppProcess app = app("schedule-ops").start()) {
            management = "http://127.0.0.1:" + app.managementPort();
            await().atMost(Duration.ofSeconds(30)).until(() -> app.log().contains("schedule(s) checked for missed ticks"));

            assertThat(post(management + "/langgraph/api/pause/catchup-last", "ERP down", null).statusCode()).isEqualTo(401);
            assertThat(post(management + "/langgraph/api/pause/catchup-last", "ERP down", ADMIN).statusCode()).isEqualTo(200);
            assertThat(schedule(management, "catchup-last").path("paused").asBoolean()).isTrue();
            assertThat(schedule(management, "catchup-last").path("pauseNote").asText()).isEqualTo("ERP down");
            assertThat(post(management + "/langgraph/api/pause/no-such-schedule", "", ADMIN).statusCode()).isEqualTo(404);

            String mgmt = "-Dcamel.management.port=" + app.managementPort();
            Cli resumed = cli(List.of("resume", "catchup-last"), mgmt, "-Dlanggraph.admin-token=" + ADMIN);
            assertThat(resumed.exit()).as(resumed.output()).isZero();
            assertThat(schedule(management, "catchup-last").path("paused").asBoolean()).isFalse();
            Cli paused = cli(List.of("pause", "catchup-none", "--note", "quarter end"), mgmt, "-Dlanggraph.admin-token=" + ADMIN);
            assertThat(paused.exit()).as(paused.output()).isZero();
            assertThat(schedule(management, "catchup-none").path("pauseNote").asText()).isEqualTo("quarter end");
            assertThat(cli(List.of("pause", "catchup-none"), mgmt, "-Dlanggraph.admin-token=wrong").exit()).isEqualTo(1);

            Cli runNow = cli(List.of("run-now", "catchup-all", "--input", "{\"text\": \"by hand\"}"), mgmt, "-Dlanggraph.admin-token=" + ADMIN);
            assertThat(runNow.exit()).as(runNow.output()).isZero();
            await().atMost(Duration.ofSeconds(20)).until(() -> app.log().contains("Tick catchup-all manual scheduled"));
            JsonNode manual = await().atMost(Duration.ofSeconds(10)).until(() -> firstTick(schedule(management, "catchup-all"), "manual"),
                    t -> t != null && !t.path("runId").isNull());
            assertThat(manual.path("detail").asText()).isEqualTo("with another input");
        }

        // no app: the pause goes into the store directly, and the app starts with it
        Cli offline = cli(List.of("pause", "catchup-all", "--note", "migration"), "-Dlanggraph.data-dir=" + data,
                "-Dcamel.management.port=" + LangGraphTestSupport.freePort(), "-Dlanggraph.admin-token=" + ADMIN);
        assertThat(offline.exit()).as(offline.output()).isZero();
        assertThat(offline.output()).contains("catchup-all paused in the store");
        try (AppProcess app = app("schedule-ops-again").start()) {
            String again = "http://127.0.0.1:" + app.managementPort();
            await().atMost(Duration.ofSeconds(30)).until(() -> app.log().contains("schedule(s) checked for missed ticks"));
            assertThat(schedule(again, "catchup-all").path("paused").asBoolean()).isTrue();
            assertThat(schedule(again, "catchup-all").path("pauseNote").asText()).isEqualTo("migration");
        }
    }

    private static JsonNode firstTick(JsonNode schedule, String fate) {
        for (JsonNode tick : schedule.path("ticks")) {
            if (tick.path("fate").asText().equals(fate)) {
                return tick;
            }
        }
        return null;
    }

    private static JsonNode schedule(String management, String name) throws Exception {
        JsonNode status = MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(management + "/langgraph/api/status?limit=1")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode s : status.path("schedules")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no schedule " + name + " in " + status.path("schedules"));
    }

    private static HttpResponse<String> post(String url, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Cli(int exit, String output) {
    }

    private static Cli cli(List<String> args, String... systemProperties) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(systemProperties));
        command.add(LangGraphApplication.class.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Cli(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
