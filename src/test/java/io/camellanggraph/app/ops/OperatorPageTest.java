package io.camellanggraph.app.ops;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.InboxRecord;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.testsupport.TestLogs;
import io.camellanggraph.testsupport.HeadlessChromium;
import io.camellanggraph.testsupport.LangGraphServer;
import org.apache.camel.Processor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator page's panels in headless Chromium (issue 12), against the app fed by a real Python LangGraph server:
 * a run that succeeds, one that fails on the server, one that stops at an interrupt, one whose output fails (a dead
 * letter), a malformed webhook and a forged claim (a valid callback URL naming a run the server never ran). Each test proves one panel with them; one keeps a screenshot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorPageTest {

    static final String ADMIN_TOKEN = "admin-token-for-the-page-test-9a8b7c";

    private final Set<String> routed = ConcurrentHashMap.newKeySet();
    private final Processor output = exchange -> {
        if (exchange.getMessage().getBody(String.class).contains("DEAD LETTER")) {
            throw new IllegalStateException("output down for the test");
        }
        routed.add(exchange.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class));
    };

    private OperatorApp app;
    private HeadlessChromium browser;
    private String succeeded;
    private String failed;
    private String interrupted;
    private String deadLetter;
    private String forgedRunId;

    @BeforeAll
    void startAppAndMakeEveryKindOfOutcome() throws Exception {
        app = new OperatorApp("page", LangGraphServer.python(), ADMIN_TOKEN, output).begin();
        CallbackStore store = app.component().callbackHub().store();
        succeeded = app.startRun("echo", "hello page");
        failed = app.startRun("fail", "on purpose");
        interrupted = app.startRun("ask", "ship it?");
        deadLetter = app.startRun("echo", "dead letter please");
        await().atMost(Duration.ofSeconds(60)).until(() -> "routed".equals(state(succeeded)) && "routed".equals(state(failed))
                && "routed".equals(state(interrupted)) && "failed".equals(state(deadLetter)));

        String cid = "cid-" + UUID.randomUUID();
        assertThat(post(app.component().callbackHub().callbackUrl("ops", cid), "not json at all").statusCode()).isEqualTo(400);
        // a valid callback URL with a run the server never ran: a claim, refused when the server is asked
        forgedRunId = "forged-" + UUID.randomUUID();
        post(app.component().callbackHub().callbackUrl("ops", cid),
                "{\"run_id\": \"" + forgedRunId + "\", \"thread_id\": \"" + UUID.randomUUID() + "\", \"status\": \"success\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> store.unconfirmed(100).stream().anyMatch(c -> forgedRunId.equals(c.runId())));

        browser = HeadlessChromium.start();
        browser.open(app.managementUrl() + "/langgraph/");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> browser.text("#deliveries tbody").contains(deadLetter));
    }

    @AfterAll
    void stopAll() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (app != null) {
                app.end();
            }
        }
    }

    @Test
    void chartCountsTheOutcomesOfTheLastHourUnderTheirStatus() throws Exception {
        // the interrupted run reported "success": the chart shows it as interrupted
        long successes = app.component().callbackHub().store().recent(1000).stream()
                .filter(r -> r.entry().body().contains("\"status\":\"success\"") && !r.entry().dedupKey().startsWith(interrupted)).count();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            assertThat(drawn("rect.bar[data-series='success']")).isEqualTo(successes);
            assertThat(drawn("rect.bar[data-series='error']")).isEqualTo(1);
            assertThat(drawn("rect.bar[data-series='interrupted']")).isEqualTo(1);
            assertThat(drawn("rect.bar[data-series='unconfirmed']")).isEqualTo(1);
            assertThat(drawn("circle.dead-mark[data-series='dead letter']")).isEqualTo(1);
        });
        assertThat(browser.text("#legend")).contains("success " + successes, "interrupted 1", "error 1", "unconfirmed 1", "dead letter 1");
        assertThat(browser.text("#summary")).contains("server http://127.0.0.1:", "store SQLite in ", "broker embedded Artemis",
                "dead letters 1", "outcomes in the last hour " + (successes + 2), "refused or unconfirmed claims 2");
        assertThat(browser.script("return document.querySelectorAll('h1').length + ' ' + document.querySelector('h1').textContent"))
                .isEqualTo("1 operator-test-page");
    }

    @Test
    void filterFindsDeliveriesByRunIdThreadStatusSourceAndCallback() throws Exception {
        String threadOfFailed = app.component().callbackHub().store().outcomesOf(failed).get(0).entry().body()
                .replaceAll("(?s).*\"thread_id\":\"([^\"]+)\".*", "$1");
        try {
            browser.type("#filter-q", succeeded.substring(0, 13));
            awaitRows(succeeded);
            resetFilter();
            browser.type("#filter-q", threadOfFailed);
            awaitRows(failed);
            resetFilter();
            browser.click("#filter-status option[value='error']");
            awaitRows(failed);
            // its webhook, or the reconciler's poll when that came first
            String source = app.component().callbackHub().store().outcomesOf(failed).get(0).entry().source();
            browser.click("#filter-source option[value='" + source + "']");
            awaitRows(failed);
            browser.click("#filter-source option[value='" + ("webhook".equals(source) ? "poll" : "webhook") + "']");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> browser.text("#deliveries tbody").contains("no delivery matches the filter"));
            resetFilter();
            browser.click("#filter-status option[value='interrupted']");
            awaitRows(interrupted);
            browser.click("#filter-status option[value='failed']");
            awaitRows(deadLetter);
            resetFilter();
            browser.type("#filter-callback", "ops");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.text("#deliveries tbody")
                    .contains(succeeded) && browser.text("#deliveries tbody").contains(failed));
        } finally {
            resetFilter();
        }
    }

    @Test
    void runDetailShowsRedactedPayloadTheServersErrorInterruptsAndTimeline() throws Exception {
        browser.click("button.run-link[data-run='" + failed + "']");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.text("#run-body").contains("Timeline"));
        String detail = browser.text("#run-detail");
        assertThat(detail).contains("Run " + failed, "Error from the server", "boom: on purpose");
        assertThat(detail).containsSubsequence("started on the server", "received (", "route ops-results began",
                "output log://ops-outcome", "route ended", "routing state: routed");
        String payload = browser.script("return Array.from(document.querySelectorAll('#run-body pre')).map(p => p.textContent).join('\\n')");
        assertThat(payload).contains(failed, "token=***").doesNotContainPattern("token=[A-Za-z0-9_-]{16,}");
        browser.screenshot("operator-run-detail");
        browser.click("#run-close");

        browser.click("button.run-link[data-run='" + interrupted + "']");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.text("#run-body").contains("approve?"));
        assertThat(browser.text("#run-body")).contains("Interrupts", "ship it?", "routing state: routed");
        browser.click("#run-close");
        assertThat(browser.exists("#run-detail[hidden]")).isTrue();
    }

    @Test
    void refusedAndUnconfirmedClaimsAreListedWithTheirReasonAndNeverRouted() throws Exception {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.text("#claims tbody").contains(forgedRunId));
        String claims = browser.text("#claims tbody");
        assertThat(claims).contains("unconfirmed", forgedRunId, "success", "unknown-run");
        assertThat(claims).contains("refused 400", "body is not JSON");
        assertThat(routed).doesNotContain(forgedRunId);
        assertThat(app.component().callbackHub().store().outcomesOf(forgedRunId)).isEmpty();
    }

    @Test
    void runNowFiresAQuartzScheduleOnceWithTheAdminTokenOnly() throws Exception {
        assertThat(app.post("/langgraph/api/run-now/ops-nightly", "Bearer not-the-admin-token").statusCode()).isEqualTo(401);
        assertThat(browser.text("#schedules tbody")).contains("ops-nightly", "not fired yet");

        browser.type("#admin-token", ADMIN_TOKEN);
        browser.click("button.run-now[data-route='ops-nightly']");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.text("#message").contains("Fired ops-nightly"));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(browser.script(
                "return Array.from(document.querySelectorAll('#schedules tbody tr')).map(r => r.textContent)"
                        + ".find(t => t.includes('ops-nightly'))")).contains("completed at"));
        assertThat(Files.readString(TestLogs.file()))
                .contains("AUDIT action=run-now outcome=unauthorized target=ops-nightly", "AUDIT action=run-now outcome=ok target=ops-nightly")
                .doesNotContain(ADMIN_TOKEN);
    }

    @Test
    void screenshotOfEveryPanelIsKeptForTheReadme() throws Exception {
        browser.open(app.managementUrl() + "/langgraph/");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> browser.text("#claims tbody").contains(forgedRunId)
                && browser.text("#dead-letters tbody").contains(deadLetter) && !browser.text("#legend").isEmpty());
        browser.resize(1400, Integer.parseInt(browser.script("return String(document.documentElement.scrollHeight + 120)")));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.text("#deliveries tbody").contains(succeeded));
        Path shot = browser.screenshot("operator-page-panels");
        Files.copy(shot, Path.of("docs", "operator-page.png"), StandardCopyOption.REPLACE_EXISTING);
        browser.resize(1400, 1200);
        assertThat(Files.size(Path.of("docs", "operator-page.png"))).isGreaterThan(10_000);
    }

    /** The routing state of the run's outcome in the inbox, or null before it is recorded. */
    private String state(String runId) throws Exception {
        return app.component().callbackHub().store().outcomesOf(runId).stream().map(InboxRecord::state)
                .findFirst().orElse(null);
    }

    /** The sum of the counts the chart drew for the elements matching {@code css}. */
    private long drawn(String css) throws Exception {
        return Long.parseLong(browser.script("return String(Array.from(document.querySelectorAll(\"#chart " + css.replace("\"", "\\\"")
                + "\")).reduce((sum, n) => sum + Number(n.getAttribute('data-count')), 0))"));
    }

    /** Waits until the deliveries table shows exactly one row, of {@code runId}. */
    private void awaitRows(String runId) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.text("#deliveries tbody").contains(runId)
                && browser.script("return String(document.querySelectorAll('#deliveries tbody tr').length)").equals("1"));
    }

    private void resetFilter() throws Exception {
        browser.script("const f = document.getElementById('filter'); f.reset(); f.dispatchEvent(new Event('input')); return ''");
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return OperatorApp.HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
