package io.camellanggraph.callback;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.RealRuns;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The optional hardening of the receiver: a static header every webhook must carry (deployments with
 * webhooks.headers), checked before the claim is even recorded.
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

    private HttpResponse<String> postSigned(String cid, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiverUrl() + "?cid=" + cid + "&token="
                + new CallbackTokens(SECRET.getBytes()).token("", cid))).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void realRunIsRoutedOnlyWhenTheStaticHeaderIsThere() throws Exception {
        RealRuns.RealRun run = new RealRuns(server().url()).finished("echo", "{\"text\": \"verified\"}");

        assertThat(postSigned(run.correlationId(), run.json().toString(), null).statusCode()).as("without the static header").isEqualTo(401);
        assertThat(postSigned(run.correlationId(), run.json().toString(), "Bearer wrong").statusCode()).as("with a wrong static header").isEqualTo(401);
        assertThat(postSigned(run.correlationId(), run.json().toString(), BEARER).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> routed.size() == 1);
        assertThat(routed.get(0).getHeader(LangGraphConstants.RUN_ID)).isEqualTo(run.runId());
        assertThat(langgraph().callbackHub().counters().get("refused.401")).isEqualTo(2);
    }
}
