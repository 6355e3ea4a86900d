package io.camellanggraph.app.ops;

import java.io.IOException;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.app.LangGraphApplication;
import io.camellanggraph.callback.CallbackCounters;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.TestLogs;
import io.camellanggraph.testsupport.HeadlessChromium;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Processor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The operator view of the app (issues 7 and 12), against the app as it runs ({@link OperatorApp}: Camel Main set up by
 * {@link LangGraphApplication#configure}, in this JVM so the test can break and heal its output) fed by a real,
 * dedicated Python LangGraph dev server: the page in headless Chromium, health and metrics on the management port,
 * and the {@code status} / {@code replay} command line in its own JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorViewTest {

    static final String ADMIN_TOKEN = "admin-token-for-the-operator-test-1f2e3d";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final Path TEST_LOG = TestLogs.file();

    private long logStart;
    private LangGraphServer server;
    private OperatorApp app;
    private HeadlessChromium chromium;

    /** Successful routings per run id; runs whose input says "dead letter" fail until the test heals them. */
    private final Map<String, AtomicInteger> routed = new ConcurrentHashMap<>();
    private final Set<String> healed = ConcurrentHashMap.newKeySet();
    private final Processor output = exchange -> {
        String runId = exchange.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
        if (exchange.getMessage().getBody(String.class).contains("DEAD LETTER") && !healed.contains(runId)) {
            throw new IllegalStateException("output down for the test");
        }
        routed.computeIfAbsent(runId, k -> new AtomicInteger()).incrementAndGet();
    };

    @BeforeAll
    void startServerAndApp() throws Exception {
        logStart = Files.exists(TEST_LOG) ? Files.size(TEST_LOG) : 0;
        // dedicated: the health test stops and starts it, the shared servers stay up for the other tests
        server = LangGraphServer.dedicated(LangGraphServer.Kind.PYTHON, true);
        app = new OperatorApp("with-admin-token", server, ADMIN_TOKEN, output).begin();
    }

    @AfterAll
    void stopAll() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            try {
                if (app != null) {
                    app.end();
                }
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        }
    }

    /** The inbox key of a run's outcome (run id and correlation id). */
    private String key(String runId) throws Exception {
        return app.component().callbackHub().store().recent(1000).stream().map(r -> r.entry().dedupKey())
                .filter(k -> k.startsWith(runId + ":")).findFirst().orElseThrow();
    }

    private boolean hasFailed(String runId) throws Exception {
        return app.failedKeys().stream().anyMatch(k -> k.startsWith(runId + ":"));
    }

    @Test
    void pageShowsARealRunsDeliveryAndItsReplayButtonRoutesADeadLetterOnce() throws Exception {
        String delivered = startRun("hello operator");
        await().atMost(Duration.ofSeconds(60)).until(() -> routings(delivered) == 1);
        String dead = startRun("dead letter please");
        await().atMost(Duration.ofSeconds(60)).until(() -> hasFailed(dead));

        HeadlessChromium browser = chromium();
        browser.open(app.managementUrl() + "/langgraph/");
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> browser.text("#deliveries tbody").contains(delivered) && browser.text("#dead-letters tbody").contains(dead));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            browser.screenshot("operator-page-failed");
            throw new AssertionError("page: " + browser.script("return document.location.href + '\\n' + document.body.innerText"), e);
        }

        String deliveries = browser.text("#deliveries tbody");
        assertThat(deliveries).contains(delivered, "success", "webhook", "ops", "routed");
        // the payload is there (collapsed), redacted: the webhook URL's token is masked
        String payloads = browser.script("return Array.from(document.querySelectorAll('#deliveries pre')).map(p => p.textContent).join('\\n')");
        assertThat(payloads).contains("HELLO OPERATOR", "token=***").doesNotContainPattern("token=[A-Za-z0-9_-]{16,}");
        // healthy checks are collapsed behind their count
        assertThat(browser.text("#health-failing tbody")).contains("no failing check");
        assertThat(browser.text("#health-rest-summary")).matches("\\d+ other checks UP");
        browser.click("#health-rest-summary");
        assertThat(browser.text("#health-up tbody")).contains("langgraph-server", "version=0.16.7", "crons=true", "langgraph-store");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(browser.text("#schedules tbody"))
                .contains("quartz", "ops-heartbeat", "0/2 * * * * ?", "completed")
                .contains("langgraph-cron", "ops-yearly", "0 0 1 1 *", "-01-01 "));
        assertThat(browser.text("#dead-letters tbody")).contains(dead, "output down for the test");
        assertThat(browser.exists("#read-only:not([hidden])")).isFalse();

        healed.add(dead);
        browser.type("#admin-token", ADMIN_TOKEN);
        browser.click("button.replay[data-key='" + key(dead) + "']");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.text("#message").contains("Replayed " + dead));
        await().atMost(Duration.ofSeconds(20)).until(() -> routings(dead) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> routings(dead) == 1);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.text("#dead-letters tbody").contains("no dead letters"));
        assertThat(browser.text("#deliveries tbody")).contains(dead);
        browser.screenshot("operator-page");

        // replayed once: the same key again finds no dead letter
        assertThat(replay(key(dead), ADMIN_TOKEN).statusCode()).isEqualTo(404);
        assertThat(routings(dead)).isEqualTo(1);
        assertThat(logSinceStart())
                .contains("AUDIT action=replay outcome=ok target=" + key(dead)).doesNotContain(ADMIN_TOKEN);
    }

    @Test
    void healthTurnsDownWhenTheLangGraphServerStopsAndUpWhenItIsBack() throws Exception {
        JsonNode up = await().atMost(Duration.ofSeconds(10)).until(() -> health(200), h -> h != null);
        assertThat(check(up, "langgraph-server").path("status").asText()).isEqualTo("UP");
        assertThat(check(up, "langgraph-server").path("data").path("version").asText()).as("%s", up).isEqualTo("0.16.7");
        assertThat(check(up, "langgraph-server").path("data").path("crons").asBoolean()).isTrue();
        assertThat(check(up, "langgraph-store").path("status").asText()).isEqualTo("UP");
        assertThat(check(up, "langgraph-broker").path("status").asText()).isEqualTo("UP");

        server.stop();
        try {
            JsonNode down = await().atMost(Duration.ofSeconds(30)).until(() -> health(503), h -> h != null);
            assertThat(down.path("status").asText()).isEqualTo("DOWN");
            assertThat(check(down, "langgraph-server").path("status").asText()).isEqualTo("DOWN");
            assertThat(check(down, "langgraph-store").path("status").asText()).isEqualTo("UP");
        } finally {
            server.start();
        }
        JsonNode back = await().atMost(Duration.ofSeconds(30)).until(() -> health(200), h -> h != null);
        assertThat(check(back, "langgraph-server").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsCountTheRunsWebhooksDuplicatesRefusalsReplaysAndLatenciesTheTestCaused() throws Exception {
        Map<String, Double> before = metrics();
        long dispatchMsBefore = app.component().callbackHub().counters().get("dispatch.ms");
        long confirmMsBefore = app.component().callbackHub().counters().get("confirm.ms");
        long confirmsBefore = app.component().callbackHub().counters().get("confirm.count");
        String runId = startRun("count me");
        await().atMost(Duration.ofSeconds(60)).until(() -> routings(runId) == 1);
        // the same webhook again (a retry of the server's) is a duplicate; a forged one is refused with 401
        JsonNode run = MAPPER.readTree(app.lastBody(runId));
        String cid = run.path("metadata").path("camel_langgraph_cid").asText();
        String callbackUrl = app.component().callbackHub().callbackUrl("ops", cid);
        assertThat(post(callbackUrl, app.lastBody(runId)).statusCode()).isEqualTo(200);
        assertThat(post(callbackUrl.replaceAll("token=[^&]+", "token=forged"), app.lastBody(runId)).statusCode()).isEqualTo(401);
        assertThat(replay(runId, "not-the-admin-token").statusCode()).isEqualTo(401);
        // the latencies the callback path measured for this outcome: the histograms must hold exactly these
        CallbackCounters counters = app.component().callbackHub().counters();
        assertThat(counters.get("confirm.count") - confirmsBefore).isEqualTo(1);
        long confirmMs = counters.get("confirm.ms") - confirmMsBefore;
        long dispatchMs = counters.get("dispatch.ms") - dispatchMsBefore;

        Map<String, Double> after = await().atMost(Duration.ofSeconds(10)).until(this::metrics,
                m -> delta(before, m, "langgraph_webhooks_received_total") >= 1);
        assertThat(delta(before, after, "langgraph_runs_started_total{assistant=\"echo\"}")).isEqualTo(1);
        assertThat(delta(before, after, "langgraph_webhooks_received_total")).isEqualTo(1);
        assertThat(delta(before, after, "langgraph_webhooks_duplicated_total")).isEqualTo(1);
        assertThat(delta(before, after, "langgraph_webhooks_refused_total{reason=\"401\"}")).isEqualTo(1);
        assertThat(delta(before, after, "langgraph_outcomes_routed_total")).isEqualTo(1);
        assertThat(delta(before, after, "langgraph_admin_actions_total{action=\"replay\",outcome=\"unauthorized\"}")).isEqualTo(1);
        assertThat(after).containsKeys("langgraph_runs_pending", "langgraph_inbox_unrouted", "langgraph_inbox_failed",
                "langgraph_runs_reconciled_total", "langgraph_claims_unconfirmed_total{reason=\"unknown-run\"}",
                "langgraph_claims_unconfirmed_total{reason=\"status-mismatch\"}",
                "langgraph_schedule_ticks_total{outcome=\"skipped\",schedule=\"ops-heartbeat\"}",
                "langgraph_schedule_ticks_total{outcome=\"misfired\",schedule=\"ops-heartbeat\"}",
                "langgraph_callback_confirm_seconds_bucket{le=\"0.001\"}");
        assertThat(after.get("langgraph_runs_pending")).isGreaterThanOrEqualTo(0);

        // the app-added latency is a histogram: one observation, of the latency measured, in the buckets from its own up
        assertThat(delta(before, after, "langgraph_callback_dispatch_seconds_count")).isEqualTo(1);
        assertThat(delta(before, after, "langgraph_callback_dispatch_seconds_sum")).isCloseTo(dispatchMs / 1000.0, within(1e-6));
        assertThat(delta(before, after, "langgraph_callback_dispatch_seconds_bucket{le=\"+Inf\"}")).isEqualTo(1);
        String bucketPrefix = "langgraph_callback_dispatch_seconds_bucket{le=\"";
        List<String> buckets = after.keySet().stream().filter(k -> k.startsWith(bucketPrefix) && !k.contains("+Inf")).toList();
        assertThat(buckets).hasSizeGreaterThan(10);
        for (String bucket : buckets) {
            double le = Double.parseDouble(bucket.substring(bucketPrefix.length(), bucket.length() - 2));
            assertThat(delta(before, after, bucket)).as(bucket).isEqualTo(le >= dispatchMs / 1000.0 ? 1 : 0);
        }
        // so is the confirmation latency
        assertThat(delta(before, after, "langgraph_callback_confirm_seconds_count")).isEqualTo(1);
        assertThat(delta(before, after, "langgraph_callback_confirm_seconds_sum")).isCloseTo(confirmMs / 1000.0, within(1e-6));
        // the JVM's meters sit beside the app's, and every meter registered without the registry's complaint
        assertThat(after.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"));
        assertThat(logSinceStart()).doesNotContain("Prometheus requires that all meters");
        // each of the app's meters says what it counts, in the scrape's help line
        assertThat(get(app.managementUrl() + "/observe/metrics").body().lines().filter(l -> l.startsWith("# HELP langgraph_")))
                .hasSizeGreaterThan(10).allSatisfy(help -> assertThat(help).matches("# HELP langgraph_\\S+ \\S.*"));
    }

    @Test
    void commandLineStatusAndReplayWorkAgainstTheRunningAppAndItsStore() throws Exception {
        String dead = startRun("dead letter for the command line");
        await().atMost(Duration.ofSeconds(60)).until(() -> hasFailed(dead));

        Cli status = cli("status", "-Dcamel.management.port=" + app.managementPort);
        assertThat(status.exit).as(status.output).isZero();
        assertThat(status.output).contains("queues: pending runs", "dead letters:", key(dead), "output down for the test",
                "langgraph-server", "runs started: {\"echo\"");

        Cli refused = cli("replay " + dead, "-Dcamel.management.port=" + app.managementPort, "-Dlanggraph.admin-token=wrong");
        assertThat(refused.exit).as(refused.output).isEqualTo(1);
        assertThat(refused.output).contains("replay refused (401)");
        assertThat(routings(dead)).isZero();

        healed.add(dead);
        Cli replayed = cli("replay " + dead, "-Dcamel.management.port=" + app.managementPort, "-Dlanggraph.admin-token=" + ADMIN_TOKEN);
        assertThat(replayed.exit).as(replayed.output).isZero();
        assertThat(replayed.output).contains("replayed [\"" + key(dead) + "\"]");
        await().atMost(Duration.ofSeconds(20)).until(() -> routings(dead) == 1);

        // no app at that address: status reads the store itself, replay requeues in the store (routed once the app
        // rescans its inbox, as it does when it starts)
        String closed = "--url http://127.0.0.1:" + LangGraphTestSupport.freePort();
        Cli offline = cli("status " + closed, "-Dlanggraph.data-dir=" + app.dataDir);
        assertThat(offline.exit).as(offline.output).isZero();
        assertThat(offline.output).contains("reading the callback store directly", key(dead));
        String later = startRun("dead letter while the app is down");
        await().atMost(Duration.ofSeconds(60)).until(() -> hasFailed(later));
        healed.add(later);
        Cli requeued = cli("replay " + later + " " + closed, "-Dlanggraph.data-dir=" + app.dataDir);
        assertThat(requeued.exit).as(requeued.output).isZero();
        assertThat(requeued.output).contains("requeued in the store [" + key(later) + "]");
        // no longer a dead letter: pending until a rescan takes it (the running app's periodic one may already have)
        assertThat(app.component().callbackHub().store().state(key(later))).isNotEqualTo("failed");
        app.component().callbackHub().routeUnrouted();
        await().atMost(Duration.ofSeconds(20)).until(() -> routings(later) == 1);
    }

    @Test
    void withoutAnAdminTokenThePageIsReadOnlyAndReplayIsRefused() throws Exception {
        OperatorApp readOnly = new OperatorApp("read-only", server, "", exchange -> { }).begin();
        try {
            HttpResponse<String> status = get(readOnly.managementUrl() + "/langgraph/api/status");
            assertThat(MAPPER.readTree(status.body()).path("adminEnabled").asBoolean(true)).isFalse();
            assertThat(status.headers().firstValue("Cache-Control")).hasValue("no-store");
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(readOnly.managementUrl()
                    + "/langgraph/api/replay/some-run:success")).header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);

            HeadlessChromium browser = chromium();
            browser.open(readOnly.managementUrl() + "/langgraph/");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> browser.text("#read-only").contains("Read-only"));
            assertThat(browser.exists("#token-form:not([hidden])")).isFalse();
            assertThat(browser.exists("button.replay")).isFalse();
        } finally {
            readOnly.end();
        }
    }

    // --- helpers ---

    /** What the tests of this class logged (the log file is appended to by every test class). */
    private String logSinceStart() throws IOException {
        byte[] all = Files.readAllBytes(TEST_LOG);
        return new String(all, (int) Math.min(logStart, all.length), (int) Math.max(0, all.length - logStart), StandardCharsets.UTF_8);
    }

    private HeadlessChromium chromium() throws Exception {
        if (chromium == null) {
            chromium = HeadlessChromium.start();
        }
        return chromium;
    }

    private String startRun(String text) throws Exception {
        return app.startRun("echo", text);
    }

    private int routings(String runId) {
        AtomicInteger count = routed.get(runId);
        return count == null ? 0 : count.get();
    }

    private JsonNode health(int expectedStatus) throws Exception {
        // every check with its details (Camel's default exposure level lists failing checks only)
        HttpResponse<String> response = get(app.managementUrl() + "/observe/health?exposureLevel=full&data=true");
        return response.statusCode() == expectedStatus ? MAPPER.readTree(response.body()) : null;
    }

    private static JsonNode check(JsonNode health, String id) {
        for (JsonNode check : health.path("checks")) {
            if (id.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no health check " + id + " in " + health);
    }

    private HttpResponse<String> replay(String key, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.managementUrl() + "/langgraph/api/replay/" + key))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$", Pattern.MULTILINE);

    /** The Prometheus scrape as sample name (with its labels, as exposed) to value. */
    private Map<String, Double> metrics() throws Exception {
        HttpResponse<String> response = get(app.managementUrl() + "/observe/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new ConcurrentHashMap<>();
        Matcher m = SAMPLE.matcher(response.body());
        while (m.find()) {
            samples.put(m.group(1).replace(",}", "}"), Double.parseDouble(m.group(2)));
        }
        return samples;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
        assertThat(after).as("metrics scrape").containsKey(sample);
        return after.get(sample) - before.getOrDefault(sample, 0.0);
    }

    private record Cli(int exit, String output) {
    }

    /** {@code java ... LangGraphApplication <args>} from the project directory, as the app jar runs it. */
    private static Cli cli(String args, String... systemProperties) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(systemProperties));
        command.add(LangGraphApplication.class.getName());
        command.addAll(List.of(args.split(" ")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Cli(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
