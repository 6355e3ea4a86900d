package io.camellanggraph.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.callback.CallbackTokens;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.AppProcess;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.PostgresServer;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several app instances on one PostgreSQL (a real server from Debian's packages, scripts/postgres.sh): the callback
 * store is shared, so any instance routes any run's outcome once; with {@code langgraph.cluster.enabled} Quartz's
 * clustered JDBC job store fires each tick on exactly one instance, and on the survivors when one is killed.
 */
class AppInstancesSharingOnePostgresTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private final LangGraphServer server = LangGraphServer.python();
    private final PostgresServer postgres = PostgresServer.shared();

    @Test
    void callbackOfARunStartedByInstanceAIsAcceptedAndRoutedOnceByInstanceB() throws Exception {
        String db = postgres.newDatabase("callbacks");
        String routes = """
            - route:
                from:
                  uri: direct:start
                  steps:
                    - to: "langgraph:run?assistantId=echo&threadId=new&callback=shared"
            - route:
                from:
                  uri: langgraph:webhook/shared
                  steps:
                    - process:
                        ref: collect-outcomes
            """;
        try (YamlApp a = sharedStoreApp(db).routes(routes); YamlApp b = sharedStoreApp(db).routes(routes)) {
            b.start();
            // a load balancer in front of the instances sends this run's webhook to B
            a.langgraph().setWebhookBaseUrl(b.baseUrl());
            a.start();

            String runId = a.context().createProducerTemplate().request("direct:start",
                    e -> e.getMessage().setBody("{\"text\": \"started by A\"}")).getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);

            Message outcome = await().atMost(Duration.ofSeconds(30)).until(() -> b.collected("outcomes"), l -> !l.isEmpty()).get(0);
            assertThat(outcome.getHeader(LangGraphConstants.RUN_ID)).isEqualTo(runId);
            assertThat(outcome.getHeader(LangGraphConstants.SOURCE)).isEqualTo("webhook");
            assertThat(MAPPER.readTree(outcome.getBody(String.class)).path("values").path("upper").asText()).isEqualTo("STARTED BY A");
            // the run A recorded as pending is settled in the shared store: A's reconciler has nothing left to poll
            assertThat(count(db, "SELECT COUNT(*) FROM lg_pending_run")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM lg_inbox WHERE state = 'routed'")).isEqualTo(1);

            // the same webhook once more, now at A (a retry after a lost answer): a duplicate, routed by nobody
            String cid = outcome.getHeader(LangGraphConstants.CORRELATION_ID, String.class);
            String again = a.baseUrl() + "/langgraph/webhook/shared?cid=" + cid + "&token="
                    + new CallbackTokens(LangGraphTestSupport.SECRET.getBytes(StandardCharsets.UTF_8)).token("shared", cid);
            assertThat(post(again, outcome.getBody(String.class)).body()).contains("duplicate");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> a.collected("outcomes").isEmpty() && b.collected("outcomes").size() == 1);
        }
    }

    private YamlApp sharedStoreApp(String db) throws Exception {
        YamlApp app = new YamlApp(server);
        app.langgraph().setStoreUrl(db);
        app.langgraph().setStoreUser(PostgresServer.USER);
        app.langgraph().setStorePassword(PostgresServer.PASSWORD);
        return app;
    }

    @Test
    void eachTickFiresOnExactlyOneInstanceAndTheOtherKeepsFiringAfterKillDashNine() throws Exception {
        String db = postgres.newDatabase("ticks");
        Path out = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-out-");
        try (AppProcess a = instance("a", db, out).start(); AppProcess b = instance("b", db, out).start()) {
            // both instances joined Quartz's cluster (tables created by whichever started first); awaited: an
            // instance checks in when its Quartz scheduler starts, which may come just after the "started" line
            await().atMost(Duration.ofSeconds(30)).until(() -> count(db, "SELECT COUNT(*) FROM qrtz_scheduler_state"), n -> n == 2);
            String bothUp = LocalDateTime.now().format(TICK);

            // five ticks while both run: each started one run on one instance, and its outcome was routed once
            List<String> firstFive = await().atMost(Duration.ofSeconds(60))
                    .until(() -> routedTicks(out).keySet().stream().filter(t -> t.compareTo(bothUp) > 0).limit(5).toList(),
                            ticks -> ticks.size() == 5);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> exactlyOnce(out, firstFive));
            Map<String, List<String>> started = startedTicks(out);
            Map<String, List<String>> routed = routedTicks(out);
            for (String tick : firstFive) {
                assertThat(started.get(tick)).as("runs started for tick %s", tick).hasSize(1);
                assertThat(routed.get(tick)).as("outcomes routed for tick %s", tick).hasSize(1);
                assertThat(routed.get(tick).get(0)).isEqualTo(started.get(tick).get(0).split(" ")[0]);
            }

            a.kill();
            String killed = LocalDateTime.now().format(TICK);
            // B takes the schedule over (at once, or once Quartz declares A dead if A held the next tick)
            List<String> afterKill = await().atMost(Duration.ofSeconds(60))
                    .until(() -> routedTicks(out).keySet().stream().filter(t -> t.compareTo(killed) > 0).limit(3).toList(),
                            ticks -> ticks.size() == 3);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> exactlyOnce(out, afterKill));
            Map<String, List<String>> startedAfter = startedTicks(out);
            for (String tick : afterKill) {
                assertThat(startedAfter.get(tick)).as("runs started for tick %s", tick).singleElement().asString().endsWith(" b");
            }
            // and no tick, before, around or after the kill, ever started two runs or was routed twice
            assertThat(startedAfter.values()).allSatisfy(runs -> assertThat(runs).hasSizeLessThanOrEqualTo(1));
            assertThat(routedTicks(out).values()).allSatisfy(runs -> assertThat(runs).hasSizeLessThanOrEqualTo(1));

            // the Kamelet's schedule (its guard's state in the shared job store) did the same: one run per tick, B after the
            // kill; at the latest once a tick A was killed during its run request stops counting as running (5 minutes,
            // Schedules.IN_FLIGHT_MILLIS: that run may exist on the server, so B skips the ticks until then)
            Map<String, List<String>> kameletTicks = await().atMost(Duration.ofMinutes(6)).until(() -> kameletTicks(out),
                    ticks -> ticks.keySet().stream().filter(t -> t.compareTo(killed) > 0).count() >= 2);
            assertThat(kameletTicks.values()).allSatisfy(instances -> assertThat(instances).hasSize(1));
            assertThat(kameletTicks.entrySet()).filteredOn(e -> e.getKey().compareTo(killed) > 0)
                    .allSatisfy(e -> assertThat(e.getValue()).containsExactly("b"));
            List<String> kameletRouted = lines(out, "kamelet-routed-").stream().map(run -> run.path("run_id").asText()).toList();
            assertThat(kameletRouted).doesNotHaveDuplicates();
        }
    }

    private AppProcess instance(String name, String db, Path out) throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-data-" + name + "-");
        return new AppProcess("cluster-" + name, LangGraphTestSupport.freePort())
                .with("langgraph.url", server.url())
                .with("langgraph.webhook.secret", LangGraphTestSupport.SECRET)
                .with("langgraph.data-dir", data.toString())
                .with("langgraph.store.url", db)
                .with("langgraph.store.user", PostgresServer.USER)
                .with("langgraph.store.password", PostgresServer.PASSWORD)
                .with("camel.component.langgraph.store-url", db)
                .with("camel.component.langgraph.store-user", PostgresServer.USER)
                .with("camel.component.langgraph.store-password", PostgresServer.PASSWORD)
                .with("langgraph.cluster.enabled", "true")
                .with("langgraph.cluster.checkin-interval", "1000")
                // outcomes of runs started by the killed instance are polled by the survivor
                .with("langgraph.reconcile-after", "2s")
                .with("camel.component.langgraph.reconcile-interval", "1s")
                .with("jms.embedded.enabled", "false")
                .with("camel.management.enabled", "false")
                .with("app.out-dir", out.toString())
                .with("test.instance", name)
                .with("camel.main.routes-include-pattern", "file:src/test/resources/routes/cluster.camel.yaml");
    }

    /** Tick -> instances that started a run for it, from every instance's kamelet-started-*.jsonl. */
    private static Map<String, List<String>> kameletTicks(Path out) throws Exception {
        Map<String, List<String>> ticks = new TreeMap<>();
        for (JsonNode line : lines(out, "kamelet-started-")) {
            ticks.computeIfAbsent(line.path("tick").asText(), t -> new ArrayList<>()).add(line.path("instance").asText());
        }
        return ticks;
    }

    /** Whether each of the ticks has exactly one started run and one routed outcome. */
    private static boolean exactlyOnce(Path out, List<String> ticks) throws Exception {
        Map<String, List<String>> started = startedTicks(out);
        Map<String, List<String>> routed = routedTicks(out);
        return ticks.stream().allMatch(t -> started.getOrDefault(t, List.of()).size() == 1 && routed.getOrDefault(t, List.of()).size() == 1);
    }

    /** Tick -> "run_id instance" of each run started for it, from every instance's started-*.jsonl. */
    private static Map<String, List<String>> startedTicks(Path out) throws Exception {
        Map<String, List<String>> ticks = new TreeMap<>();
        for (JsonNode line : lines(out, "started-")) {
            ticks.computeIfAbsent(line.path("tick").asText(), t -> new ArrayList<>())
                    .add(line.path("run_id").asText() + " " + line.path("instance").asText());
        }
        return ticks;
    }

    /** Tick -> run id of each outcome routed for it (its input text is the tick), from every instance's routed-*.jsonl. */
    private static Map<String, List<String>> routedTicks(Path out) throws Exception {
        Map<String, List<String>> ticks = new TreeMap<>();
        for (JsonNode run : lines(out, "routed-")) {
            ticks.computeIfAbsent(run.path("values").path("text").asText(), t -> new ArrayList<>()).add(run.path("run_id").asText());
        }
        return ticks;
    }

    private static List<JsonNode> lines(Path out, String prefix) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        try (var files = Files.list(out)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                for (String line : Files.readAllLines(file)) {
                    try {
                        nodes.add(MAPPER.readTree(line));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException partial) {
                        // the last line of a killed instance may be cut short
                    }
                }
            }
        }
        return nodes;
    }

    private static long count(String db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
