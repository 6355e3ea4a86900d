package io.camellanggraph.app.ops;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.HeadlessChromium;
import io.camellanggraph.testsupport.LangGraphServer;
import org.apache.camel.Processor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator page's "Awaiting input" panel in headless Chromium, against the app on a real Python server: a run of the
 * approval graph waits with its question and options (and no handle on the page); the operator answers with the admin
 * token; the resumed run's outcome is routed and the interrupted run's timeline shows the decision.
 */
class OperatorAnswersAnInterruptFromThePageTest {

    private static final String ADMIN_TOKEN = "admin-token-for-the-answer-test-4c3d2e";

    private final List<String> statuses = new CopyOnWriteArrayList<>();
    private final Processor output = e -> statuses.add(e.getMessage().getHeader(LangGraphConstants.THREAD_ID) + " "
            + e.getMessage().getHeader(LangGraphConstants.INTERRUPTED) + " " + e.getMessage().getBody(String.class));
    private OperatorApp app;
    private HeadlessChromium browser;

    @AfterEach
    void stop() throws Exception {
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
    void operatorAnswersWithTheAdminTokenAndTheTimelineShowsTheDecision() throws Exception {
        app = new OperatorApp("answer", LangGraphServer.python(), ADMIN_TOKEN, output).begin();
        String runId = app.startRun("approval", "refund from the page");
        browser = HeadlessChromium.start();
        browser.open(app.managementUrl() + "/langgraph/");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> browser.text("#awaiting tbody").contains("Approve?"));
        String row = browser.text("#awaiting tbody");
        assertThat(row).contains("Approve?", "ops", runId);
        String page = browser.script("return document.body.innerHTML");
        assertThat(page).doesNotContain("resume_handle").doesNotContain("/langgraph/resume/");

        assertThat(app.post("/langgraph/api/answer/x:y?answer=approve", "Bearer not-the-admin-token").statusCode()).isEqualTo(401);
        browser.type("#admin-token", ADMIN_TOKEN);
        browser.click("button.answer-option");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.text("#message").contains("Answered; resume run"));
        await().atMost(Duration.ofSeconds(60)).until(() -> statuses.stream().anyMatch(s -> s.contains("false") && s.contains("\"decision\":\"approve\"")));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.text("#awaiting tbody").contains("no run waits for input"));

        browser.click("button.run-link[data-run='" + runId + "']");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.text("#run-body").contains("Timeline"));
        assertThat(browser.text("#run-body")).contains("answered \"Approve?\": \"approve\" by operator (started)");
    }
}
