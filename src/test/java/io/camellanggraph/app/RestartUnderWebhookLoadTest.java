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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import io.camellanggraph.callback.CallbackTokens;
import io.camellanggraph.testsupport.AppProcess;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.TestDirs;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.RealRuns;
import io.camellanggraph.testsupport.RoutedLines;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The LangGraph server gives up on a 4xx at once, so a valid callback must never get one, not even while the app
 * restarts. Valid callbacks of real finished runs are posted without pause while the app is stopped with SIGTERM,
 * started again, killed with {@code kill -9} and started again on the same port and data: every answer is 2xx, 503
 * (retried by the server) or no connection at all, and every run is routed.
 */
class RestartUnderWebhookLoadTest {

    private static final String SECRET = LangGraphTestSupport.SECRET;
    private static final int RUNS = 40;

    private final Path out = TestDirs.create("restart-out-");
    private final Path data = TestDirs.create("restart-data-");
    private final int port = LangGraphTestSupport.freePort();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder refusedConnections = new LongAdder();

    private AppProcess app(String name) {
        return new AppProcess(name, port)
                .with("langgraph.url", LangGraphServer.python().url())
                .with("langgraph.webhook.secret", SECRET)
                .with("langgraph.data-dir", data.toString())
                .with("app.out-dir", out.toString())
                .with("camel.main.routes-include-pattern", "file:src/test/resources/routes/durability.camel.yaml");
    }

    @Test
    void validCallbacksGetNo4xxWhileTheAppStopsStartsAndCrashes() throws Exception {
        RealRuns runs = new RealRuns(LangGraphServer.python().url());
        List<RealRuns.RealRun> finished = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            finished.add(runs.finished("echo", "{\"text\": \"restart " + i + "\"}"));
        }
        AtomicBoolean posting = new AtomicBoolean(true);
        Thread poster = new Thread(() -> postInALoop(finished, posting), "webhook-poster");

        AppProcess first = app("restart-1").start();
        poster.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(200) > RUNS);
        first.close();
        AppProcess second = app("restart-2").start();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(200) > 3L * RUNS);
        second.kill();
        try (AppProcess third = app("restart-3").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> count(200) > 5L * RUNS);
            posting.set(false);
            poster.join();

            assertThat(statuses.keySet()).as("answers seen: %s", statuses)
                    .allSatisfy(status -> assertThat(status).isIn(200, 503));
            Set<String> expected = finished.stream().map(RealRuns.RealRun::runId).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(60)).until(() -> routedRunIds().containsAll(expected));
            assertThat(routedRunIds()).isEqualTo(expected);
            System.err.printf("[RestartUnderWebhookLoadTest] answers %s, refused connections %d%n", statuses, refusedConnections.sum());
        }
    }

    private void postInALoop(List<RealRuns.RealRun> finished, AtomicBoolean posting) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        CallbackTokens tokens = new CallbackTokens(SECRET.getBytes());
        for (int i = 0; posting.get(); i++) {
            RealRuns.RealRun run = finished.get(i % finished.size());
            String url = "http://127.0.0.1:" + port + "/langgraph/webhook/durable?cid=" + run.correlationId()
                    + "&token=" + tokens.token("durable", run.correlationId());
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString(run.json().toString())).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            } catch (java.io.IOException noConnection) {
                // the port is closed between two processes: the server sees a connection error and retries
                refusedConnections.increment();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long count(int status) {
        LongAdder adder = statuses.get(status);
        return adder == null ? 0 : adder.sum();
    }

    private Set<String> routedRunIds() throws Exception {
        return new java.util.HashSet<>(RoutedLines.runIds(out));
    }
}
