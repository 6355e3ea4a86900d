package io.camellanggraph.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camellanggraph.callback.CallbackTokens;
import io.camellanggraph.testsupport.AppProcess;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.RoutedLines;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.RealRuns;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app as a real process: acknowledged callbacks survive {@code kill -9} and are routed exactly once after the
 * restart; a run that ends while the receiver is down is routed once the app is back (by polling the server).
 */
class AppDurabilityTest {

    private static final String SECRET = LangGraphTestSupport.SECRET;

    private final Path out = tempDir("durability-out-");
    private final Path data = tempDir("durability-data-");
    private final int port = LangGraphTestSupport.freePort();

    private AppProcess app(String name, LangGraphServer server) {
        return new AppProcess(name, port)
                .with("langgraph.url", server.url())
                .with("langgraph.webhook.secret", SECRET)
                .with("langgraph.data-dir", data.toString())
                .with("app.out-dir", out.toString())
                .with("camel.main.routes-include-pattern", "file:src/test/resources/routes/durability.camel.yaml");
    }

    @Test
    void acknowledgedCallbacksAreRoutedExactlyOnceAfterKillDashNine() throws Exception {
        CallbackTokens tokens = new CallbackTokens(SECRET.getBytes());
        RealRuns runs = new RealRuns(LangGraphServer.python().url());
        List<RealRuns.RealRun> finished = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            finished.add(runs.finished("echo", "{\"text\": \"durable " + i + "\"}"));
        }
        List<String> runIds = finished.stream().map(RealRuns.RealRun::runId).toList();
        try (AppProcess first = app("kill-first", LangGraphServer.python()).with("test.route-delay", "30000").start()) {
            for (RealRuns.RealRun run : finished) {
                HttpResponse<String> response = post("http://127.0.0.1:" + port + "/langgraph/webhook/durable?cid=" + run.correlationId()
                        + "&token=" + tokens.token("durable", run.correlationId()), run.json().toString());
                assertThat(response.statusCode()).isEqualTo(200);
            }
            // every callback is acknowledged and sits in a 30 s delay: none has been routed yet
            assertThat(out.resolve("routed.jsonl")).doesNotExist();
            first.kill();
        }
        try (AppProcess second = app("kill-second", LangGraphServer.python()).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> routedRunIds().size() >= 20);
            // and a sender retrying after the crash is a duplicate, not a second routing
            RealRuns.RealRun again = finished.get(0);
            assertThat(post("http://127.0.0.1:" + port + "/langgraph/webhook/durable?cid=" + again.correlationId() + "&token="
                    + tokens.token("durable", again.correlationId()), again.json().toString()).body()).contains("duplicate");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> routedRunIds().size() == 20);
            assertThat(routedRunIds()).containsExactlyInAnyOrderElementsOf(runIds);
        }
    }

    @Test
    void runEndingWhileTheReceiverIsDownIsRoutedWhenTheAppIsBack() throws Exception {
        LangGraphServer js = LangGraphServer.js();
        String[] run;
        try (AppProcess first = app("down-first", js).with("test.start-run", "true").with("test.run-seconds", "2").start()) {
            run = await().atMost(Duration.ofSeconds(30)).until(() -> startedRun(first), ids -> ids != null);
            first.kill();
        }
        String runId = run[0];
        // the JS server finishes the run while nobody listens: its single webhook attempt is refused
        await().atMost(Duration.ofSeconds(30)).until(() -> get(js.url() + "/threads/" + run[1] + "/runs/" + runId).contains("\"success\""));
        try (AppProcess second = app("down-second", js).with("langgraph.reconcile-after", "1s").start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> routedRunIds().contains(runId));
            assertThat(Files.readString(out.resolve("routed.jsonl"))).contains("\"source\": \"poll\"").contains("\"status\": \"success\"");
        }
    }

    /** Run id and thread id from the app's "Started run ... on thread ..." log line. */
    private static String[] startedRun(AppProcess app) throws Exception {
        Matcher started = Pattern.compile("Started run ([0-9a-f-]{36}) on thread ([0-9a-f-]{36})").matcher(app.log());
        return started.find() ? new String[] {started.group(1), started.group(2)} : null;
    }

    private static String get(String url) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private List<String> routedRunIds() throws java.io.IOException {
        return RoutedLines.runIds(out);
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
