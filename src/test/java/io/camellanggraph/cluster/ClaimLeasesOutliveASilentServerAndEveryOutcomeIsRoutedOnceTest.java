package io.camellanggraph.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.callback.CallbackTokens;
import io.camellanggraph.testsupport.AppProcess;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.PostgresServer;
import io.camellanggraph.testsupport.RealRuns;
import io.camellanggraph.testsupport.RoutedLines;
import io.camellanggraph.testsupport.TestDirs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real LangGraph server gone silent (its processes suspended with SIGSTOP: connections are accepted, nothing is
 * answered) under two app instances sharing PostgreSQL. Instance A holds five confirmed outcomes in a slow route and
 * polls a run it started (its reconciler calls the silent server); instance B takes three more claims meanwhile. While
 * the server is silent, A's leases are renewed all along, so B never takes A's outcomes over, and A's health is DOWN
 * saying the server did not answer. Once the server answers again, every outcome is routed once, within 60 s.
 */
class ClaimLeasesOutliveASilentServerAndEveryOutcomeIsRoutedOnceTest {

    private static final int HELD = 5;
    private static final int DURING_SILENCE = 3;
    private static final Duration SILENCE = Duration.ofSeconds(25);
    private final PostgresServer postgres = PostgresServer.shared();
    private final Path outA = TestDirs.create("silent-a-");
    private final Path outB = TestDirs.create("silent-b-");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CallbackTokens tokens = new CallbackTokens(LangGraphTestSupport.SECRET.getBytes());

    private AppProcess instance(String name, String db, Path out, LangGraphServer server) {
        return new AppProcess(name, LangGraphTestSupport.freePort())
                .clusterMember(server.url(), db)
                // a call to the silent server hangs longer than a lease: renewal must not wait behind it
                .with("camel.component.langgraph.lease-time", "6s")
                .with("camel.component.langgraph.response-timeout", "15s")
                .with("camel.component.langgraph.request-timeout", "20s")
                .with("camel.component.langgraph.reconcile-interval", "2s")
                .with("jms.embedded.port", "0")
                .with("app.out-dir", out.toString())
                .with("camel.main.routes-include-pattern", "file:src/test/resources/routes/durability.camel.yaml");
    }

    @Test
    void leasesAreRenewedWhileTheServerIsSilentAndEveryOutcomeIsRoutedOnceAfterIt() throws Exception {
        String db = postgres.newDatabase("silent");
        try (LangGraphServer server = LangGraphServer.dedicated(LangGraphServer.Kind.PYTHON, true)) {
            RealRuns runs = new RealRuns(server.url());
            List<RealRuns.RealRun> finished = new ArrayList<>();
            for (int i = 0; i < HELD + DURING_SILENCE; i++) {
                finished.add(runs.finished("echo", "{\"text\": \"silent " + i + "\"}"));
            }
            try (AppProcess a = instance("silent-a", db, outA, server).with("camel.component.langgraph.reconcile-after", "1s")
                    .with("test.start-run", "true").with("test.run-seconds", "600").with("test.route-delay", "45000").start()) {
                for (RealRuns.RealRun run : finished.subList(0, HELD)) {
                    assertThat(post(a, run)).isEqualTo(200);
                }
                // A confirmed them and its route holds them; A's own run is pending, polled every 2 s
                await().atMost(Duration.ofSeconds(60)).until(() -> claimedOwners(db).size() == HELD && pendingRuns(db) == 1);
                Map<String, String> held = claimedOwners(db);
                String owner = held.values().iterator().next();

                // B starts once A holds them (its rescan takes any claim still pending, as it should); it polls no run
                // (its reconciler finds none overdue): its rescans would take over any lease A lets run out
                try (AppProcess b = instance("silent-b", db, outB, server).with("camel.component.langgraph.reconcile-after", "10m")
                        .start()) {
                    server.suspend();
                    try {
                        for (RealRuns.RealRun run : finished.subList(HELD, HELD + DURING_SILENCE)) {
                            assertThat(post(b, run)).as("claims are taken while the server is silent").isEqualTo(200);
                        }
                        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(serverCheck(a))
                                .containsEntry("status", "DOWN").extractingByKey("message").asString()
                                // Camel's health JSON writes the message's slashes as \\/
                                .contains("did not answer GET").contains("info within 5 s (the health check's deadline)"));
                        await().during(SILENCE).atMost(SILENCE.plusSeconds(10)).untilAsserted(() -> {
                            assertThat(claimedOwners(db)).as("A's held outcomes, still claimed by A").containsAllEntriesOf(held);
                            assertThat(expiredLeases(db, owner)).as("A's claims whose lease ran out").isZero();
                        });
                    } finally {
                        server.resume();
                    }

                    await().atMost(Duration.ofSeconds(60)).until(() -> routed().size() >= HELD + DURING_SILENCE);
                    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> routed().size() == HELD + DURING_SILENCE);
                    assertThat(routed()).containsExactlyInAnyOrderElementsOf(finished.stream().map(RealRuns.RealRun::runId).toList());
                    assertThat(RoutedLines.runIds(outB)).as("B took none of A's held outcomes")
                            .doesNotContainAnyElementsOf(finished.subList(0, HELD).stream().map(RealRuns.RealRun::runId).toList());
                }
            }
        }
    }

    private int post(AppProcess app, RealRuns.RealRun run) throws Exception {
        String url = "http://127.0.0.1:" + app.port() + "/langgraph/webhook/durable?cid=" + run.correlationId()
                + "&token=" + tokens.token("durable", run.correlationId());
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(run.json().toString()))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The {@code langgraph-server} check of the app's health, as its management port answers it. */
    private Map<String, String> serverCheck(AppProcess app) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.managementPort()
                + "/observe/health?exposureLevel=full")).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (JsonNode check : new ObjectMapper().readTree(body).path("checks")) {
            if ("langgraph-server".equals(check.path("name").asText())) {
                return Map.of("status", check.path("status").asText(), "message", check.path("message").asText(""));
            }
        }
        return Map.of();
    }

    /** Every routed line of both instances (a run routed twice is there twice). */
    private List<String> routed() throws Exception {
        List<String> lines = new ArrayList<>(RoutedLines.runIds(outA));
        lines.addAll(RoutedLines.runIds(outB));
        return lines;
    }

    private static Map<String, String> claimedOwners(String db) throws Exception {
        Map<String, String> owners = new HashMap<>();
        try (Connection c = connect(db);
             ResultSet rs = c.createStatement().executeQuery("SELECT dedup_key, owner FROM lg_inbox WHERE state = 'claimed'")) {
            while (rs.next()) {
                owners.put(rs.getString(1), rs.getString(2));
            }
        }
        return owners;
    }

    private static long expiredLeases(String db, String owner) throws Exception {
        return count(db, "SELECT COUNT(*) FROM lg_inbox WHERE state = 'claimed' AND owner = ? AND lease_until < ?", owner,
                System.currentTimeMillis());
    }

    private static long pendingRuns(String db) throws Exception {
        return count(db, "SELECT COUNT(*) FROM lg_pending_run WHERE run_id IS NOT NULL");
    }

    private static long count(String db, String sql, Object... args) throws Exception {
        try (Connection c = connect(db); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect(String db) throws Exception {
        return DriverManager.getConnection(db, PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
