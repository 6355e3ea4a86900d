package io.camellanggraph.callback;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.RealRuns;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the receiver answers to requests that must not be routed, and that nothing of them is routed; posts a
 * webhook body captured from a real LangGraph server.
 */
class WebhookReceiverRefusalsTest extends LangGraphTestSupport {

    private final List<Message> routed = new CopyOnWriteArrayList<>();
    private final List<Message> routedNightly = new CopyOnWriteArrayList<>();
    private String captured;
    private CallbackTokens tokens;

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Override
    protected long maxBodySize() {
        return 1L << 30; // the component's own cap (below) is what this test checks
    }

    @Override
    protected void configure(LangGraphComponent langgraph) {
        langgraph.setMaxBodySize(64 * 1024);
        langgraph.setDetectInterrupts(false);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("langgraph:webhook").process(e -> routed.add(e.getMessage().copy()));
                from("langgraph:webhook/nightly").process(e -> routedNightly.add(e.getMessage().copy()));
            }
        };
    }

    @BeforeEach
    void loadCapture() throws Exception {
        captured = Files.readString(Path.of("src/test/resources/webhook-captures/js-dev-server-1.5.1/run-success.json"));
        tokens = new CallbackTokens(SECRET.getBytes());
    }

    private String url(String name, String cid, String token) {
        return receiverUrl() + (name.isEmpty() ? "" : "/" + name) + "?cid=" + cid + "&token=" + token;
    }

    private String validUrl(String name) {
        String cid = UUID.randomUUID().toString();
        return url(name, cid, tokens.token(name, cid));
    }

    private String withRunId(String body) {
        return body.replace("01a21c17-b55e-73ee-b120-cfab3d1dedbb", UUID.randomUUID().toString());
    }

    /** A real finished run of the server, started under its own correlation id as this app would. */
    private RealRuns.RealRun realRun() throws Exception {
        return new RealRuns(server().url()).finished("echo", "{\"text\": \"refusals\"}");
    }

    private String urlOf(String name, RealRuns.RealRun run) {
        return url(name, run.correlationId(), tokens.token(name, run.correlationId()));
    }

    @Test
    void validCallbackIsAcceptedAndRoutedWithoutItsToken() throws Exception {
        RealRuns.RealRun run = realRun();
        HttpResponse<String> response = post(urlOf("", run), run.json().toString());
        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> routed.size() == 1);
        Message message = routed.get(0);
        assertThat(message.getHeaders().keySet()).allSatisfy(h -> assertThat(h).startsWith("CamelLangGraph"));
        // the token this claim carried (and the server's copy of the run holds in kwargs.webhook) is nowhere
        String token = tokens.token("", run.correlationId());
        assertThat(message.getHeaders().values().toString()).doesNotContain("token").doesNotContain(token);
        assertThat(message.getBody(String.class)).contains(run.runId()).doesNotContain(token);
    }

    @Test
    void wrongTokenIsRefusedWith401AndNotRouted() throws Exception {
        String cid = UUID.randomUUID().toString();
        assertThat(post(url("", cid, "forged"), withRunId(captured)).statusCode()).isEqualTo(401);
        assertThat(post(receiverUrl() + "?cid=" + cid, withRunId(captured)).statusCode()).isEqualTo(401);
        assertThat(post(receiverUrl(), withRunId(captured)).statusCode()).isEqualTo(401);
        // a token minted for another correlation id does not fit this one
        assertThat(post(url("", cid, tokens.token("", "other")), withRunId(captured)).statusCode()).isEqualTo(401);
        assertRoutedNothingAfterAValidOne(routed);
    }

    @Test
    void tokenOfAnotherCallbackNameIsRefused() throws Exception {
        String cid = UUID.randomUUID().toString();
        String unnamedToken = tokens.token("", cid);
        assertThat(post(url("nightly", cid, unnamedToken), withRunId(captured)).statusCode()).isEqualTo(401);
        assertRoutedNothingAfterAValidOne(routedNightly);
        assertThat(routed).isEmpty();
    }

    @Test
    void unknownCallbackNameIsAnswered404() throws Exception {
        String cid = UUID.randomUUID().toString();
        assertThat(post(url("nobody", cid, tokens.token("nobody", cid)), withRunId(captured)).statusCode()).isEqualTo(404);
    }

    @Test
    void oversizeBodyIsAnswered413() throws Exception {
        String huge = "{\"run_id\": \"x\", \"status\": \"success\", \"pad\": \"" + "a".repeat(100 * 1024) + "\"}";
        assertThat(post(validUrl(""), huge).statusCode()).isEqualTo(413);
        assertRoutedNothingAfterAValidOne(routed);
    }

    @Test
    void garbageIsAnswered400AndKeptForInspection() throws Exception {
        assertThat(post(validUrl(""), "{not json").statusCode()).isEqualTo(400);
        assertThat(post(validUrl(""), "[\"json\", \"but not a run\"]").statusCode()).isEqualTo(400);
        assertThat(post(validUrl(""), "{\"run_id\": 42, \"status\": \"success\"}").statusCode()).isEqualTo(400);
        assertThat(post(validUrl(""), "").statusCode()).isEqualTo(400);
        List<io.camellanggraph.store.RejectedRecord> kept = hub().store().rejected(10);
        assertThat(kept).extracting(io.camellanggraph.store.RejectedRecord::body).contains("{not json");
        assertRoutedNothingAfterAValidOne(routed);
    }

    @Test
    void formEncodedPostIsAnswered415AndKeptForInspection() throws Exception {
        // what `curl -d '<json>'` sends: the HTTP server decodes it as a form, and no JSON body is left to read
        String runId = UUID.randomUUID().toString();
        String claim = captured.replace("01a21c17-b55e-73ee-b120-cfab3d1dedbb", runId);
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"run\"\r\n\r\n" + claim + "\r\n--b--\r\n";
        assertThat(postAs("application/x-www-form-urlencoded", claim)).isEqualTo(415);
        assertThat(postAs("multipart/form-data; boundary=b", multipart)).isEqualTo(415);
        assertThat(hub().store().rejected(10)).as("kept for inspection, the run id in each")
                .filteredOn(r -> r.status() == 415).hasSize(2).allSatisfy(r -> assertThat(r.body()).contains(runId));
        assertThat(hub().counters().get("refused.415")).isEqualTo(2);
        assertRoutedNothingAfterAValidOne(routed);
    }

    private int postAs(String contentType, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(validUrl(""))).POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", contentType).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).as(contentType).contains("application/json");
        return response.statusCode();
    }

    @Test
    void otherMethodsAreAnswered405() throws Exception {
        HttpResponse<String> get = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(validUrl(""))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void sameCallbackDeliveredTwiceIsRoutedOnce() throws Exception {
        RealRuns.RealRun run = realRun();
        String url = urlOf("", run);
        assertThat(post(url, run.json().toString()).statusCode()).isEqualTo(200);
        assertThat(post(url, run.json().toString()).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub().counters().get("duplicate") == 1);
        // the same body under another correlation id is not a duplicate but a claim about someone else's run
        assertThat(post(validUrl(""), run.json().toString()).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub().counters().get("unconfirmed.other-callback") == 1);
        assertRoutedNothingAfterAValidOne(routed, 1);
    }

    private CallbackHub hub() throws Exception {
        return langgraph().callbackHub();
    }

    /** Sends one valid callback afterwards: once it is routed, anything refused before would have been routed too. */
    private void assertRoutedNothingAfterAValidOne(List<Message> target) throws Exception {
        assertRoutedNothingAfterAValidOne(target, 0);
    }

    private void assertRoutedNothingAfterAValidOne(List<Message> target, int before) throws Exception {
        String name = target == routedNightly ? "nightly" : "";
        RealRuns.RealRun run = realRun();
        String marker = run.runId();
        assertThat(post(urlOf(name, run), run.json().toString()).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> target.stream().anyMatch(m -> marker.equals(m.getHeader("CamelLangGraphRunId"))));
        assertThat(target).hasSize(before + 1);
    }
}
