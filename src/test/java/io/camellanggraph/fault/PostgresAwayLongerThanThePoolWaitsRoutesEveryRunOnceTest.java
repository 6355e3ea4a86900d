package io.camellanggraph.fault;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.camellanggraph.testsupport.AppProcess;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.PostgresServer;
import io.camellanggraph.testsupport.RealRuns;
import io.camellanggraph.testsupport.RoutedLines;
import io.camellanggraph.testsupport.RunBatch;
import io.camellanggraph.testsupport.TestDirs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL, the store of an app instance, stops hard ({@code pg_ctl -m immediate}) for longer than the store's pool
 * waits for a connection (HikariCP's 30 s), while the app starts a run every second and the real Python server's
 * webhooks come; then it starts again on the same port and data. Runs started meanwhile fail before the server is
 * asked to create them (each run is recorded first). Valid claims of real finished runs posted to the receiver
 * meanwhile are answered 503 with the reason "store unavailable" (the database is away, not busy), never 2xx.
 * Afterwards every run the server has for the test's batch is routed exactly once, by webhook or by reconciliation,
 * and the app is ready again.
 */
class PostgresAwayLongerThanThePoolWaitsRoutesEveryRunOnceTest {

    private static final int RUNS = 14;
    /** Longer than HikariCP's default connection timeout (30 s), which the store's pool keeps. */
    private static final Duration OUTAGE = Duration.ofSeconds(40);

    private final LangGraphServer server = LangGraphServer.python();
    private final RunBatch batch = new RunBatch(server.url(), "pg-away-");
    private final Path out = TestDirs.create("pg-away-out-");

    @Test
    void everyRunTheServerHasIsRoutedOnceAndTheReceiverSaysTheStoreIsUnavailable() throws Exception {
        RealRuns realRuns = new RealRuns(server.url());
        try (PostgresServer postgres = PostgresServer.dedicated()) {
            try (AppProcess app = new AppProcess("pg-away", LangGraphTestSupport.freePort())
                    .clusterMember(server.url(), postgres.newDatabase("away"))
                    // what the server gave up on during the outage is found by polling soon after
                    .with("langgraph.reconcile-after", "5s")
                    .with("camel.component.langgraph.reconcile-interval", "2s")
                    .with("jms.embedded.enabled", "false")
                    .with("app.out-dir", out.toString())
                    .with("test.runs", Integer.toString(RUNS))
                    .with("test.run-period", "1000")
                    .with("test.batch", batch.name())
                    .with("camel.main.routes-include-pattern",
                            "file:src/test/resources/routes/durability.camel.yaml,file:src/test/resources/routes/run-stream.camel.yaml")
                    .start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> RoutedLines.runIds(out).size() >= 3);
                postgres.crash();

                // a claim is recorded before its 2xx: with the store away, every valid claim is answered 503, saying why
                Map<String, Integer> answers = new ConcurrentHashMap<>();
                Set<String> claimedDuringTheOutage = ConcurrentHashMap.newKeySet();
                await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    RealRuns.RealRun finished = realRuns.finished("echo", "{\"text\": \"claim during the outage\"}");
                    claimedDuringTheOutage.add(finished.runId());
                    HttpResponse<String> answer = RunBatch.claim(app, finished);
                    answers.merge(answer.statusCode() + " " + answer.body(), 1, Integer::sum);
                    assertThat(answers).as("answers to valid claims while the store is away")
                            .containsOnlyKeys("503 {\"status\":\"store unavailable\"}");
                });
                postgres.start();

                // every run of the batch on the server is routed, once
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> RunBatch.starts(app) == RUNS && RoutedLines.runIds(out).containsAll(batch.onTheServer()));
                List<String> batchRuns = batch.onTheServer();
                assertThat(batchRuns).as("the batch on the server holds every run the app started").containsAll(RunBatch.started(app));
                // runs started while the store was away were refused before their create: none of them is on the server
                assertThat(RunBatch.startFailures(app)).as("starts refused during the outage").isNotEmpty()
                        .allSatisfy(line -> assertThat(line).contains("the callback store refused to record it first"));
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
                        .until(() -> RoutedLines.runIds(out).stream().distinct().count() == RoutedLines.runIds(out).size());
                Map<String, Long> deliveries = RoutedLines.runIds(out).stream()
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(deliveries).as("deliveries per run").allSatisfy((run, n) -> assertThat(n).as(run).isEqualTo(1L));
                // a claim answered 503 may still be committed once the store is back (the receiver's queue kept it): its
                // run is then routed once too; nothing else is
                Set<String> known = new HashSet<>(batchRuns);
                known.addAll(claimedDuringTheOutage);
                assertThat(known).containsAll(deliveries.keySet());
                assertThat(answers.values().stream().mapToInt(Integer::intValue).sum()).as("claims answered during the outage")
                        .isGreaterThanOrEqualTo(4);
                await().atMost(Duration.ofSeconds(30)).until(() -> RunBatch.ready(app) == 200);
                System.err.printf("[%s] %d runs of the batch on the server, %d routed, %d starts refused (runs claimed during the"
                        + " outage: %d); answers during the outage: %s%n", getClass().getSimpleName(), batchRuns.size(),
                        deliveries.size(), RunBatch.startFailures(app).size(), claimedDuringTheOutage.size(), answers);
            }
        }
    }
}
