package io.camellanggraph.callback;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.client.CallTimeouts;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.store.JdbcCallbackStore;
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
 * The receiver's refusals in-process, on a {@link DefaultExchange} and the real embedded store, without a LangGraph
 * server (every refusal comes before any confirmation): 405 for another method, 404 for a name nobody registered, 401
 * for a missing, wrong or another correlation id's token, 415 for a form (kept), 413 over the size cap, 400 for a
 * body that is not a JSON object (kept for inspection). None of them records a claim; a valid one is answered 200 and recorded.
 */
@Tag("fast")
class WebhookReceiverRefusesBadCallbacksInProcessTest {

    private static final String SECRET = "receiver-refusals-secret-0123456789";
    private static final String PATH = "/langgraph/webhook";
    /** The run id of the captured webhook body. */
    private static final String RUN_ID = "01a21c17-b55e-73ee-b120-cfab3d1dedbb";

    @TempDir
    Path dir;
    private JdbcCallbackStore store;
    private ExecutorService executor;
    private ScheduledExecutorService timer;
    private DefaultCamelContext camel;
    private CallbackHub hub;
    private String body;

    @BeforeEach
    void start() throws Exception {
        store = JdbcCallbackStore.open("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
        executor = Executors.newFixedThreadPool(2);
        timer = Executors.newSingleThreadScheduledExecutor();
        ObjectMapper mapper = new ObjectMapper();
        // nothing listens there: confirmation (after the answer) only re-checks later, which this test does not wait for
        LangGraphClient client = new LangGraphClient(HttpClients.createDefault(), "http://127.0.0.1:9", null, mapper,
                CallTimeouts.DEFAULTS, timer);
        hub = new CallbackHub(client, store, new CallbackUrls("http://127.0.0.1:9" + PATH,
                new CallbackTokens(SECRET.getBytes(StandardCharsets.UTF_8))), new CallbackHub.Pools(executor, timer, timer, timer),
                new CallbackHub.CallbackOptions(false, false, 60_000, 60_000, 3_600_000, 30_000, 1_000, 200, 20));
        hub.start();
        hub.allowAwaitOnly("known", 0);
        camel = new DefaultCamelContext();
        body = Files.readString(Path.of("src/test/resources/webhook-captures/js-dev-server-1.5.1/run-success.json"));
    }

    @AfterEach
    void stop() {
        hub.stop();
        executor.shutdownNow();
        timer.shutdownNow();
        store.close();
    }

    private int answer(String method, String name, String query, String payload) throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, method);
        exchange.getMessage().setHeader(Exchange.HTTP_URI, PATH + "/" + name);
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, query);
        exchange.getMessage().setBody(payload.getBytes(StandardCharsets.UTF_8));
        new WebhookReceiver(() -> hub, new ObjectMapper(), PATH, 4096, null, null, () -> true).process(exchange);
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    private String valid(String name, String cid) {
        return "cid=" + cid + "&token=" + hub.tokens().token(name, cid);
    }

    @Test
    void everyBadCallbackIsRefusedWithItsStatusAndRecordsNothing() throws Exception {
        assertThat(answer("GET", "known", valid("known", "c1"), body)).as("method").isEqualTo(405);
        assertThat(answer("POST", "unknown", valid("unknown", "c1"), body)).as("name nobody registered").isEqualTo(404);
        assertThat(answer("POST", "known", "cid=c1", body)).as("no token").isEqualTo(401);
        assertThat(answer("POST", "known", "cid=c1&token=forged", body)).as("wrong token").isEqualTo(401);
        assertThat(answer("POST", "known", "cid=c1&token=" + hub.tokens().token("known", "c2"), body))
                .as("another correlation id's token").isEqualTo(401);
        assertThat(answer("POST", "known", valid("known", "c1"), "{\"pad\": \"" + "x".repeat(5000) + "\"}"))
                .as("over the size cap").isEqualTo(413);
        assertThat(answer("POST", "known", valid("known", "c1"), "[1, 2, 3]")).as("not a JSON object").isEqualTo(400);

        assertThat(store.find(Claim.key(RUN_ID, "c1"))).as("no claim recorded").isNull();
        assertThat(store.unrouted(10)).isEmpty();
        assertThat(store.rejected(10)).as("the oversized and the malformed body are kept for inspection")
                .extracting(r -> r.status()).containsExactlyInAnyOrder(400, 413);
    }

    @Test
    void formEncodedPostIsAnswered415AndItsFieldsKept() throws Exception {
        // as platform-http on Vert.x hands a form over: its fields decoded into a map, no body left to read
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.HTTP_URI, PATH + "/known");
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, valid("known", "c1"));
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
        exchange.getMessage().setBody(java.util.Map.of(body, ""));
        new WebhookReceiver(() -> hub, new ObjectMapper(), PATH, 1 << 20, null, null, () -> true).process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(415);
        assertThat(store.find(Claim.key(RUN_ID, "c1"))).as("no claim recorded").isNull();
        assertThat(store.rejected(10)).singleElement().satisfies(r -> assertThat(r.body()).contains(RUN_ID));
    }

    @Test
    void validCallbackIsAnswered200AndRecorded() throws Exception {
        assertThat(answer("POST", "known", valid("known", "c1"), body)).isEqualTo(200);

        // recorded before the answer: the 200 means durable
        assertThat(store.find(Claim.key(RUN_ID, "c1"))).isNotNull()
                .satisfies(r -> assertThat(r.entry().callback()).isEqualTo("known"));
    }
}
