package io.camellanggraph.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camellanggraph.callback.CallbackTokens;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.PackagedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13, item 3: the packaged jar stopped by SIGTERM (what systemd and Kubernetes send) while webhooks pour in.
 * It exits 0 within {@code camel.main.shutdown-timeout}, answers no callback 4xx (only 200, or 503 which the server
 * retries, or no connection at all once it is gone), and every callback it acknowledged is routed exactly once:
 * before the exit, or after the next start.
 */
class SigtermUnderWebhookLoadIT {

    private static final int SHUTDOWN_TIMEOUT_SECONDS = 15;
    private static final String CAPTURED_RUN_ID = "01a21c17-b55e-73ee-b120-cfab3d1dedbb";

    private final Path base = tempDir();
    private final Path out = base.resolve("out");
    private final int port = LangGraphTestSupport.freePort();
    private final CallbackTokens tokens = new CallbackTokens(LangGraphTestSupport.SECRET.getBytes());
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();

    @Test
    void sigtermUnderWebhookLoadExitsZeroAnswersNo4xxAndLosesNothingAcknowledged() throws Exception {
        String capture = Files.readString(Path.of("src/test/resources/webhook-captures/js-dev-server-1.5.1/run-success.json"));
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try (PackagedApp app = app("sigterm-first").start().awaitReady()) {
            for (int i = 0; i < 4; i++) {
                senders.submit(() -> sendUntilRefused(capture));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 200);
            app.process().destroy(); // SIGTERM
            assertThat(app.awaitExit(Duration.ofSeconds(SHUTDOWN_TIMEOUT_SECONDS + 10))).isZero();
            senders.shutdown();
            assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(answers.keySet()).as("statuses answered: %s", answers).allMatch(status -> status == 200 || status == 503);

        // what was acknowledged but not yet routed is in the inbox: the next start routes it
        try (PackagedApp again = app("sigterm-second").start().awaitReady()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> routedRunIds().containsAll(acknowledged));
            List<String> routed = routedRunIds();
            assertThat(routed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }

    private PackagedApp app(String name) {
        return new PackagedApp(name, base, port)
                .env("LANGGRAPH_URL", LangGraphServer.python().url())
                .env("LANGGRAPH_WEBHOOK_SECRET", LangGraphTestSupport.SECRET)
                .env("LANGGRAPH_DATA_DIR", base.resolve("data").toString())
                .env("APP_OUT_DIR", out.toString())
                .env("CAMEL_MAIN_SHUTDOWN_TIMEOUT", Integer.toString(SHUTDOWN_TIMEOUT_SECONDS))
                // a route that takes a moment per outcome, so some are mid-route when SIGTERM comes
                .env("TEST_ROUTE_DELAY", "20")
                .env("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN", "file:" + Path.of("src/test/resources/routes/durability.camel.yaml").toAbsolutePath());
    }

    /** Posts signed callbacks of fresh runs until the app no longer takes connections. */
    private void sendUntilRefused(String capture) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        while (true) {
            String runId = UUID.randomUUID().toString();
            String cid = UUID.randomUUID().toString();
            URI uri = URI.create("http://127.0.0.1:" + port + "/langgraph/webhook/durable?cid=" + cid + "&token=" + tokens.token("durable", cid));
            try {
                int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(capture.replace(CAPTURED_RUN_ID, runId))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                if (status == 200) {
                    acknowledged.add(runId);
                }
            } catch (IOException gone) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<String> routedRunIds() throws IOException {
        Path routed = out.resolve("routed.jsonl");
        if (!Files.exists(routed)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\"run_id\": \"([^\"]+)\"").matcher(Files.readString(routed));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sigterm-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
