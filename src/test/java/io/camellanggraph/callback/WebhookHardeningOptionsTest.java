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
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The optional hardening: a static header every webhook must carry (deployments with webhooks.headers) and
 * verifyRun, which refuses a well-signed callback whose run the real server does not confirm.
 */
class WebhookHardeningOptionsTest extends LangGraphTestSupport {

    private static final String BEARER = "Bearer static-header-value-for-tests";
    private final List<Message> routed = new CopyOnWriteArrayList<>();

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Override
    protected void configure(LangGraphComponent langgraph) {
        langgraph.setWebhookHeaderName("Authorization");
        langgraph.setWebhookHeaderValue(BEARER);
        langgraph.setVerifyRun(true);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("langgraph:webhook").process(e -> routed.add(e.getMessage().copy()));
            }
        };
    }

    private HttpResponse<String> postSigned(String body, String authorization) throws Exception {
        String cid = UUID.randomUUID().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiverUrl() + "?cid=" + cid + "&token="
                + new CallbackTokens(SECRET.getBytes()).token("", cid))).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void realRunIsConfirmedByTheServerAndRoutedWhenTheStaticHeaderIsThere() throws Exception {
        // a real finished run, its outcome as the server reports it
        Exchange started = template.request("langgraph:run?assistantId=echo&threadId=new&webhook=none",
                e -> e.getMessage().setBody("{\"text\": \"verified\"}"));
        String threadId = started.getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        String runId = started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class);
        template.requestBodyAndHeaders("langgraph:joinRun", null,
                java.util.Map.of(LangGraphConstants.THREAD_ID, threadId, LangGraphConstants.RUN_ID, runId));
        String run = template.requestBodyAndHeaders("langgraph:getRun", null,
                java.util.Map.of(LangGraphConstants.THREAD_ID, threadId, LangGraphConstants.RUN_ID, runId), String.class);

        assertThat(postSigned(run, null).statusCode()).as("without the static header").isEqualTo(401);
        assertThat(postSigned(run, "Bearer wrong").statusCode()).as("with a wrong static header").isEqualTo(401);
        assertThat(postSigned(run, BEARER).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> routed.size() == 1);
        assertThat(routed.get(0).getHeader(LangGraphConstants.RUN_ID)).isEqualTo(runId);
    }

    @Test
    void wellSignedCallbackOfARunTheServerDoesNotKnowIsRefused() throws Exception {
        String forged = Files.readString(Path.of("src/test/resources/webhook-captures/js-dev-server-1.5.1/run-success.json"));
        assertThat(postSigned(forged, BEARER).statusCode()).isEqualTo(401);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(routed::isEmpty);
        assertThat(langgraph().callbackHub().counters().get("refused.401")).isPositive();
    }
}
