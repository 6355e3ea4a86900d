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
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.camellanggraph.callback.CallbackTokens;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.RoutedLines;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.PackagedApp;
import io.camellanggraph.testsupport.RealRuns;
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
    private static final int RUNS = 150;

    private final Path base = tempDir();
    private final Path out = base.resolve("out");
    private final int port = LangGraphTestSupport.freePort();
    private final CallbackTokens tokens = new CallbackTokens(LangGraphTestSupport.SECRET.getBytes());
    private final Queue<RealRuns.RealRun> toSend = new ConcurrentLinkedQueue<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();

    @Test
    void sigtermUnderWebhookLoadExitsZeroAnswersNo4xxAndLosesNothingAcknowledged() throws Exception {
        // callbacks of real finished runs (the app confirms each claim with the server before routing it)
        RealRuns runs = new RealRuns(LangGraphServer.python().url());
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<RealRuns.RealRun>> started = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            int n = i;
            started.add(senders.submit(() -> runs.finished("echo", "{\"text\": \"sigterm " + n + "\"}")));
        }
        for (Future<RealRuns.RealRun> run : started) {
            toSend.add(run.get());
        }
        try (PackagedApp app = app("sigterm-first").start().awaitReady()) {
            List<Future<?>> load = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                load.add(senders.submit(this::sendUntilRefused));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= RUNS / 3);
            app.process().destroy(); // SIGTERM
            assertThat(app.awaitExit(Duration.ofSeconds(SHUTDOWN_TIMEOUT_SECONDS + 10))).isZero();
            for (Future<?> sender : load) {
                sender.get(30, TimeUnit.SECONDS);
            }
        }

        // the next start routes what was acknowledged but not yet routed; the senders retry what was refused
        try (PackagedApp again = app("sigterm-second").start().awaitReady()) {
            sendUntilRefused();
            assertThat(toSend).isEmpty();
            await().atMost(Duration.ofSeconds(60)).until(() -> routedRunIds().size() >= RUNS);
            assertThat(routedRunIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged);
        } finally {
            senders.shutdownNow();
        }
        // while stopping, callbacks are refused with 503 (the Python server retries them), never 4xx (dropped)
        assertThat(answers.keySet()).as("statuses answered: %s", answers).allMatch(status -> status == 200 || status == 503);
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

    /** Posts the callbacks still to send, like the Python server: a 503 is sent again; returns when none is left or the app is gone. */
    private void sendUntilRefused() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        for (RealRuns.RealRun run = toSend.poll(); run != null; run = toSend.poll()) {
            URI uri = URI.create("http://127.0.0.1:" + port + "/langgraph/webhook/durable?cid=" + run.correlationId()
                    + "&token=" + tokens.token("durable", run.correlationId()));
            try {
                int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(run.json().toString())).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                if (status == 200) {
                    acknowledged.add(run.runId());
                } else {
                    toSend.add(run);
                }
            } catch (IOException gone) {
                toSend.add(run);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                toSend.add(run);
                return;
            }
        }
    }

    private List<String> routedRunIds() throws IOException {
        return RoutedLines.runIds(out);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sigterm-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
