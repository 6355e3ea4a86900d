package io.camellanggraph.callback;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.client.CallTimeouts;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.StoreBusyException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiver in-process, on the real embedded store, with one fault a real SQLite file cannot be made to produce on
 * demand: the store saying it cannot keep up (its write queue full). The sender gets a 503 at once, which it retries,
 * never a 200 for a claim that was not recorded; once the store keeps up again the same claim is recorded and
 * answered 200. No LangGraph server is needed: the answer comes before any confirmation.
 */
@Tag("fast")
class ReceiverAnswers503WhenTheStoreCannotKeepUpTest {

    private static final String SECRET = "receiver-busy-secret-0123456789";

    @TempDir
    Path dir;
    private JdbcCallbackStore store;
    private ExecutorService executor;
    private ScheduledExecutorService timer;
    private DefaultCamelContext camel;
    private CallbackHub hub;
    private final AtomicBoolean busy = new AtomicBoolean(true);

    @BeforeEach
    void start() {
        store = JdbcCallbackStore.open("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
        CallbackStore cannotKeepUp = (CallbackStore) Proxy.newProxyInstance(CallbackStore.class.getClassLoader(),
                new Class<?>[] {CallbackStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("record") && busy.get()) {
                        throw new StoreBusyException("10000 claims waiting for the store");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        executor = Executors.newFixedThreadPool(2);
        timer = Executors.newSingleThreadScheduledExecutor();
        ObjectMapper mapper = new ObjectMapper();
        // nothing listens there: confirmation (after the answer) only re-checks later, which this test does not wait for
        LangGraphClient client = new LangGraphClient(HttpClients.createDefault(), "http://127.0.0.1:9", null, mapper,
                CallTimeouts.DEFAULTS, timer);
        hub = new CallbackHub(client, cannotKeepUp, new CallbackUrls("http://127.0.0.1:9/langgraph/webhook",
                new CallbackTokens(SECRET.getBytes(StandardCharsets.UTF_8))), new CallbackHub.Pools(executor, timer, timer, timer),
                new CallbackHub.CallbackOptions(false, false, 60_000, 60_000, 3_600_000, 30_000, 1_000, 200, 20));
        hub.start();
        hub.allowAwaitOnly("", 0);
        camel = new DefaultCamelContext();
    }

    @AfterEach
    void stop() {
        hub.stop();
        executor.shutdownNow();
        timer.shutdownNow();
        store.close();
    }

    private Exchange post(String body) {
        String token = hub.tokens().token("", "cid-1");
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.HTTP_URI, "/langgraph/webhook");
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, "cid=cid-1&token=" + token);
        exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        new WebhookReceiver(() -> hub, new ObjectMapper(), "/langgraph/webhook", 1 << 20, null, null, () -> true)
                .process(exchange);
        return exchange;
    }

    @Test
    void aClaimTheStoreCannotTakeNowIsAnswered503AndRecordedWhenRetried() throws Exception {
        String token = hub.tokens().token("", "cid-1");
        // the server echoes the webhook URL, token included
        String body = Files.readString(Path.of("src/test/resources/webhook-captures/js-dev-server-1.5.1/run-success.json"))
                .replace("token=abc", "token=" + token);
        assertThat(body).contains(token);
        String key = Claim.key("01a21c17-b55e-73ee-b120-cfab3d1dedbb", "cid-1");

        Exchange refused = post(body);

        assertThat(refused.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(refused.getMessage().getBody(String.class)).contains("store busy, retry");
        assertThat(hub.counters().get("refused.busy")).isEqualTo(1);
        assertThat(store.state(key)).as("not recorded").isNull();

        busy.set(false);
        Exchange retried = post(body);

        assertThat(retried.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(store.find(key)).isNotNull();
        assertThat(store.find(key).entry().body()).doesNotContain(token).contains("token=" + Redaction.MASK);
    }
}
