package io.camellanggraph.resume;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.store.AwaitingInterrupt;
import io.camellanggraph.store.AwaitingStore;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.StoreLocation;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.TestDirs;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Expiries are durable: interrupts whose resume timeout passes while the app is down expire when it is back, once
 * (onExpiry=route: the outcome again with status expired; onExpiry=resume: the configured answer resumes the run), and
 * a further restart fires nothing again.
 */
class ExpiryDueWhileTheAppIsDownFiresOnceAfterTheRestartTest {

    private static final String ROUTES = """
        - route:
            from:
              uri: "langgraph:webhook/expire-route"
              parameters: {resumeTimeout: 5s, onExpiry: route}
              steps:
                - process:
                    ref: collect-outcomes
        - route:
            from:
              uri: "langgraph:webhook/expire-resume"
              parameters: {resumeTimeout: 5s, onExpiry: resume, onExpiryAnswer: '"reject"'}
              steps:
                - process:
                    ref: collect-outcomes
        """;

    private final LangGraphServer server = LangGraphServer.python();
    private final int port = LangGraphTestSupport.freePort();
    private final Path data = TestDirs.create("expiry-restart-");
    private final ObjectMapper mapper = new ObjectMapper();
    private YamlApp app;

    private void restart() throws Exception {
        if (app != null) {
            app.close();
        }
        app = new YamlApp(server, port, data).routes(ROUTES).start();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private String start(String callback) {
        return app.context().createProducerTemplate().request("langgraph:run?assistantId=approval&threadId=new&callback=" + callback,
                e -> e.getMessage().setBody("{\"text\": \"while you were out\"}")).getMessage()
                .getHeader(LangGraphConstants.THREAD_ID, String.class);
    }

    private List<Message> ofThread(String thread) {
        return app.collected("outcomes").stream().filter(m -> thread.equals(m.getHeader(LangGraphConstants.THREAD_ID))).toList();
    }

    private int runsOf(String thread) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return mapper.readTree(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/threads/" + thread + "/runs?limit=100"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body()).size();
    }

    @Test
    void interruptsExpiringWhileDownExpireOnceAfterTheRestart() throws Exception {
        restart();
        String routed = start("expire-route");
        String resumed = start("expire-resume");
        await().atMost(Duration.ofSeconds(30)).until(() -> ofThread(routed).size() == 1 && ofThread(resumed).size() == 1);
        app.close();
        app = null;
        long expiresAt;
        try (JdbcCallbackStore store = StoreLocation.of(null, null, null, data).open()) {
            List<AwaitingInterrupt> waiting = new AwaitingStore(store.dataSource()).waiting(10);
            assertThat(waiting).as("both still waiting when the app went down").hasSize(2);
            expiresAt = waiting.stream().mapToLong(AwaitingInterrupt::expiresAt).max().orElseThrow();
        }
        // down until both expiries are due
        await().atMost(Duration.ofSeconds(15)).until(() -> System.currentTimeMillis() > expiresAt);

        restart();
        Message expired = await().atMost(Duration.ofSeconds(20)).until(() -> ofThread(routed), l -> l.size() == 1).get(0);
        assertThat(expired.getHeader(LangGraphConstants.RUN_STATUS)).isEqualTo("expired");
        Message answered = await().atMost(Duration.ofSeconds(30)).until(() -> ofThread(resumed), l -> l.size() == 1).get(0);
        assertThat(mapper.readTree(answered.getBody(String.class)).path("values").path("decision").asText()).isEqualTo("reject");

        restart();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> ofThread(routed).isEmpty() && ofThread(resumed).isEmpty());
        assertThat(runsOf(routed)).isEqualTo(1);
        assertThat(runsOf(resumed)).isEqualTo(2);
    }
}
