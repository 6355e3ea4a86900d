package io.camellanggraph.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 * PostgreSQL, the store two app instances share, crashes ({@code pg_ctl -m immediate}) while both start a run every
 * 300 ms and the real Python server's webhooks, with its own retries, arrive at both receivers; it comes back on the
 * same port and data after about 15 s. While it is down each receiver answers a valid claim of a real finished run
 * 503, never 2xx: nothing is acknowledged that is not durable. Afterwards every run the server has for the test's
 * batch (found by the metadata the apps gave it) is routed exactly once across both instances' outputs, by webhook
 * or by reconciliation, and both instances are ready again.
 */
class PostgresCrashUnderWebhookLoadLosesNoOutcomeTest {

    private static final int RUNS_PER_INSTANCE = 60;
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    private final LangGraphServer server = LangGraphServer.python();
    private final RunBatch batch = new RunBatch(server.url(), "pg-crash-");
    private final Path outA = TestDirs.create("pg-crash-out-a-");
    private final Path outB = TestDirs.create("pg-crash-out-b-");

    private AppProcess instance(String name, String db, Path out) {
        return new AppProcess(name, LangGraphTestSupport.freePort())
                .clusterMember(server.url(), db)
                // what the server gave up on during the outage is found by polling soon after
                .with("langgraph.reconcile-after", "5s")
                .with("camel.component.langgraph.reconcile-interval", "2s")
                .with("jms.embedded.enabled", "false")
                .with("app.out-dir", out.toString())
                .with("test.runs", Integer.toString(RUNS_PER_INSTANCE))
                .with("test.batch", batch.name())
                .with("camel.main.routes-include-pattern",
                        "file:src/test/resources/routes/durability.camel.yaml,file:src/test/resources/routes/run-stream.camel.yaml");
    }

    @Test
    void everyRunIsRoutedOnceAndNoClaimIsAcknowledgedWhileTheStoreIsDown() throws Exception {
        RealRuns realRuns = new RealRuns(server.url());
        try (PostgresServer postgres = PostgresServer.dedicated()) {
            String db = postgres.newDatabase("outage");
            try (AppProcess a = instance("pg-crash-a", db, outA).start(); AppProcess b = instance("pg-crash-b", db, outB).start()) {
                // crashed while runs are being started and their outcomes routed on both instances
                await().atMost(Duration.ofSeconds(60)).until(() -> RoutedLines.runIds(outA).size() >= 5 && RoutedLines.runIds(outB).size() >= 5);
                postgres.crash();

                // a claim is recorded before its 2xx: with the store away, every valid claim is answered 503
                Map<Integer, Integer> answers = new ConcurrentHashMap<>();
                Set<String> claimedDuringTheOutage = ConcurrentHashMap.newKeySet();
                await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    RealRuns.RealRun finished = realRuns.finished("echo", "{\"text\": \"claim during the outage\"}");
                    claimedDuringTheOutage.add(finished.runId());
                    // at both receivers at once (each may take its commit timeout, 5 s, to answer)
                    List<CompletableFuture<Integer>> statuses = List.of(a, b).stream()
                            .map(app -> CompletableFuture.supplyAsync(() -> RunBatch.claim(app, finished).statusCode())).toList();
                    statuses.forEach(status -> answers.merge(status.join(), 1, Integer::sum));
                    assertThat(answers).as("answers to valid claims while the store is down").containsOnlyKeys(503);
                });
                postgres.start();

                // every run of the batch on the server is routed, once, by one of the instances
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> RunBatch.starts(a, b) == 2 * RUNS_PER_INSTANCE && routed().containsAll(batch.onTheServer()));
                List<String> batchRuns = batch.onTheServer();
                assertThat(batchRuns).as("the batch on the server holds every run the apps started").containsAll(RunBatch.started(a, b));
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
                        .until(() -> routed().stream().distinct().count() == routed().size());
                Map<String, Long> deliveries = routed().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(deliveries).as("deliveries per run").allSatisfy((run, n) -> assertThat(n).as(run).isEqualTo(1L));
                // a claim answered 503 may still be committed once the store is back (the receiver's queue kept it):
                // its run is then routed once too; nothing else is
                Set<String> known = new HashSet<>(batchRuns);
                known.addAll(claimedDuringTheOutage);
                assertThat(known).containsAll(deliveries.keySet());
                assertThat(answers.get(503)).as("claims answered during the outage").isGreaterThanOrEqualTo(4);
                for (AppProcess app : List.of(a, b)) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> RunBatch.ready(app) == 200);
                }
                System.err.printf("[%s] %d runs of the batch on the server, %d routed by A and %d by B (runs claimed during the"
                        + " outage: %d); answers during the outage: %s%n", getClass().getSimpleName(), batchRuns.size(),
                        RoutedLines.runIds(outA).size(), RoutedLines.runIds(outB).size(), claimedDuringTheOutage.size(), answers);
            }
        }
    }

    /** The run ids routed by both instances, one per delivery. */
    private List<String> routed() throws Exception {
        List<String> routed = new ArrayList<>(RoutedLines.runIds(outA));
        routed.addAll(RoutedLines.runIds(outB));
        return routed;
    }
}
