package io.camellanggraph.client;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.testsupport.SilentServer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A LangGraph server that accepts connections and never answers (or never finishes answering) fails each call with a
 * {@link LangGraphTimeoutException} naming the setting that ended it, instead of holding the caller for the HTTP
 * library's defaults: the silence limit, the total of an ordinary call, and the longer total of a call that waits for
 * its run. The JUnit timeout only keeps a broken build from hanging.
 */
@Tag("fast")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CallsToASilentServerFailAtTheirDeadlineTest {

    private static final CallTimeouts SHORT = new CallTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500),
            Duration.ofMillis(1500), Duration.ofSeconds(3));

    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor();
    private final CloseableHttpClient http = HttpClients.createDefault();

    @AfterEach
    void close() throws Exception {
        http.close();
        deadlines.shutdownNow();
    }

    private LangGraphClient client(SilentServer server) {
        return new LangGraphClient(http, server.url(), null, new ObjectMapper(), SHORT, deadlines);
    }

    @Test
    void aServerThatNeverAnswersFailsTheCallAtTheResponseTimeout() throws Exception {
        try (SilentServer server = SilentServer.silent()) {
            assertThatThrownBy(() -> client(server).getRun("t", "r"))
                    .isInstanceOf(LangGraphTimeoutException.class)
                    .hasMessageContaining("did not answer GET /threads/t/runs/r within 500 ms (responseTimeout)");
        }
    }

    @Test
    void aServerThatNeverFinishesItsAnswerFailsTheCallAtTheRequestTimeout() throws Exception {
        try (SilentServer server = SilentServer.trickling()) {
            assertThatThrownBy(() -> client(server).getThreadState("t"))
                    .isInstanceOf(LangGraphTimeoutException.class)
                    .hasMessageContaining("within 1500 ms (requestTimeout)");
        }
    }

    @Test
    void aCallThatWaitsForItsRunOutlivesTheRequestTimeoutAndEndsAtTheWaitTimeout() throws Exception {
        try (SilentServer server = SilentServer.trickling()) {
            assertThatThrownBy(() -> client(server).waitRun("t", new ObjectMapper().createObjectNode()))
                    .isInstanceOf(LangGraphTimeoutException.class)
                    .hasMessageContaining("did not answer POST /threads/t/runs/wait within 3 s (waitTimeout)");
        }
    }

    @Test
    void theComponentsTimeoutOptionsReachItsCalls() throws Exception {
        try (SilentServer server = SilentServer.silent(); CamelContext context = new DefaultCamelContext()) {
            context.getComponent("langgraph", LangGraphComponent.class).setResponseTimeout(700);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            assertThatThrownBy(() -> template.requestBody("langgraph:info?url=" + server.url(), ""))
                    .isInstanceOf(CamelExecutionException.class)
                    .cause().isInstanceOf(LangGraphTimeoutException.class)
                    .hasMessageContaining("did not answer GET /info within 700 ms (responseTimeout)");
        }
    }
}
