package io.camellanggraph.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.camellanggraph.callback.CallbackTokens;
import io.camellanggraph.testsupport.AppProcess;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.TestDirs;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.PostgresServer;
import io.camellanggraph.testsupport.RealRuns;
import io.camellanggraph.testsupport.RoutedLines;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two app processes on one PostgreSQL store. Instance A acknowledges real outcomes, claims them and is killed with
 * {@code kill -9} while its route holds them. Instance B, running all along, takes the claims over once A's leases
 * run out and routes every one of them, once, without A coming back.
 */
class SurvivorTakesOverADeadInstancesClaimsTest {

    private static final int OUTCOMES = 5;
    private final PostgresServer postgres = PostgresServer.shared();
    private final Path outA = TestDirs.create("takeover-a-");
    private final Path outB = TestDirs.create("takeover-b-");

    private AppProcess instance(String name, String db, Path out) {
        return new AppProcess(name, LangGraphTestSupport.freePort())
                .clusterMember(LangGraphServer.python().url(), db)
                .with("camel.component.langgraph.lease-time", "6s")
                .with("jms.embedded.port", "0")
                .with("app.out-dir", out.toString())
                .with("camel.main.routes-include-pattern", "file:src/test/resources/routes/durability.camel.yaml");
    }

    @Test
    void outcomesADeadInstanceHeldAreRoutedOnceByTheSurvivorWithinTheLease() throws Exception {
        String db = postgres.newDatabase("takeover");
        RealRuns runs = new RealRuns(LangGraphServer.python().url());
        List<RealRuns.RealRun> finished = new ArrayList<>();
        for (int i = 0; i < OUTCOMES; i++) {
            finished.add(runs.finished("echo", "{\"text\": \"takeover " + i + "\"}"));
        }
        try (AppProcess b = instance("takeover-b", db, outB).start();
             AppProcess a = instance("takeover-a", db, outA).with("test.route-delay", "600000").start()) {
            CallbackTokens tokens = new CallbackTokens(LangGraphTestSupport.SECRET.getBytes());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (RealRuns.RealRun run : finished) {
                String url = "http://127.0.0.1:" + a.port() + "/langgraph/webhook/durable?cid=" + run.correlationId()
                        + "&token=" + tokens.token("durable", run.correlationId());
                assertThat(http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(
                        run.json().toString())).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
            // A confirmed them and its route holds them (a ten-minute delay): every one is claimed, by A
            await().atMost(Duration.ofSeconds(30)).until(() -> states(db).getOrDefault("claimed", 0L) == OUTCOMES);
            a.kill();

            await().atMost(Duration.ofSeconds(30)).until(() -> routedRunIds(outB).size() >= OUTCOMES);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> routedLines(outB).size() == OUTCOMES);
            assertThat(routedRunIds(outB)).containsExactlyInAnyOrderElementsOf(
                    finished.stream().map(RealRuns.RealRun::runId).toList());
            assertThat(routedLines(outA)).as("A never finished a route").isEmpty();
            assertThat(states(db)).containsEntry("routed", (long) OUTCOMES).doesNotContainKey("claimed");
        }
    }

    private static Map<String, Long> states(String db) throws Exception {
        try (Connection c = DriverManager.getConnection(db, PostgresServer.USER, PostgresServer.PASSWORD);
             ResultSet rs = c.createStatement().executeQuery("SELECT state, COUNT(*) FROM lg_inbox GROUP BY state")) {
            Map<String, Long> states = new java.util.HashMap<>();
            while (rs.next()) {
                states.put(rs.getString(1), rs.getLong(2));
            }
            return states;
        }
    }

    private static List<String> routedLines(Path out) throws Exception {
        return RoutedLines.runIds(out);
    }

    private static java.util.Set<String> routedRunIds(Path out) throws Exception {
        return new java.util.HashSet<>(RoutedLines.runIds(out));
    }
}
