package io.camellanggraph.app.ops;

import java.time.Duration;
import java.util.Map;

import io.camellanggraph.testsupport.HeadlessChromium;
import io.camellanggraph.testsupport.LangGraphServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may read the operator view (issue 12): with {@code langgraph.viewer-token}, only a request with that token
 * (or the admin token), or a browser that logged in with it; without one, only a management server on loopback.
 */
class OperatorAccessTest {

    static final String VIEWER_TOKEN = "viewer-token-for-the-access-test-5e4d3c";
    static final String ADMIN_TOKEN = "admin-token-for-the-access-test-2b1a0f";

    @Test
    void withAViewerTokenReadingNeedsItAndTheLoginSetsAnHttpOnlySessionCookie() throws Exception {
        OperatorApp app = new OperatorApp("viewer", LangGraphServer.python(), ADMIN_TOKEN, exchange -> { },
                Map.of("langgraph.viewer-token", VIEWER_TOKEN)).begin("Bearer " + VIEWER_TOKEN);
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            assertThat(app.get("/langgraph/api/status", null).statusCode()).isEqualTo(401);
            assertThat(app.get("/langgraph/api/status", "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(app.get("/langgraph/api/status", "Bearer " + VIEWER_TOKEN).statusCode()).isEqualTo(200);
            assertThat(app.get("/langgraph/api/status", "Bearer " + ADMIN_TOKEN).statusCode()).isEqualTo(200);
            assertThat(app.get("/langgraph/", null).body()).contains("needs the viewer token").doesNotContain("deliveries");
            // a viewer reads, but changes nothing
            assertThat(app.post("/langgraph/api/replay/some-run:success", "Bearer " + VIEWER_TOKEN).statusCode()).isEqualTo(401);

            browser.open(app.managementUrl() + "/langgraph/");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.exists("form input[name='token']"));
            browser.type("input[name='token']", "wrong");
            browser.click("button[type='submit']");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.exists("form input[name='token']"));
            assertThat(browser.exists("#deliveries")).isFalse();

            browser.type("input[name='token']", VIEWER_TOKEN);
            browser.click("button[type='submit']");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> !browser.script("return document.body.dataset.loaded || ''").isEmpty());
            // the token left the address bar, and scripts cannot read the session cookie
            assertThat(browser.script("return document.location.href")).isEqualTo(app.managementUrl() + "/langgraph/");
            assertThat(browser.script("return document.cookie")).isEmpty();
            assertThat(browser.text("#summary")).contains("server http://127.0.0.1:");
        } finally {
            app.end();
        }
    }

    @Test
    void withoutAViewerTokenOnlyALoopbackBindIsOpen() {
        AdminAccess admin = new AdminAccess("");
        assertThat(new ViewerAccess("", admin, "127.0.0.1").readable(null, null)).isTrue();
        assertThat(new ViewerAccess("", admin, "localhost").readable(null, null)).isTrue();
        assertThat(new ViewerAccess("", admin, "::1").readable(null, null)).isTrue();
        ViewerAccess everywhere = new ViewerAccess("", admin, "0.0.0.0");
        assertThat(everywhere.closed()).isTrue();
        assertThat(everywhere.readable("Bearer anything", null)).isFalse();
        ViewerAccess withToken = new ViewerAccess(VIEWER_TOKEN, admin, "0.0.0.0");
        assertThat(withToken.closed()).isFalse();
        assertThat(withToken.readable("Bearer " + VIEWER_TOKEN, null)).isTrue();
        assertThat(withToken.readable(null, ViewerAccess.COOKIE + "=forged")).isFalse();
    }
}
