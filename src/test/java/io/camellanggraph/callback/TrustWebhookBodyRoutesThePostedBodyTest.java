package io.camellanggraph.callback;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code trustWebhookBody=true}, for a server on a trusted private network: a complete posted body is routed as it
 * is, without asking the server. This is what the option gives up, shown with a made-up run: with a valid token,
 * invented outcomes are routed.
 */
class TrustWebhookBodyRoutesThePostedBodyTest extends LangGraphTestSupport {

    private final List<Message> routed = new CopyOnWriteArrayList<>();

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Override
    protected void configure(LangGraphComponent langgraph) {
        langgraph.setTrustWebhookBody(true);
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

    @Test
    void postedBodyIsRoutedWithoutConfirmationEvenForARunTheServerNeverHad() throws Exception {
        String cid = UUID.randomUUID().toString();
        String madeUp = UUID.randomUUID().toString();
        String url = receiverUrl() + "?cid=" + cid + "&token=" + langgraph().callbackHub().tokens().token("", cid);
        String body = "{\"run_id\": \"" + madeUp + "\", \"status\": \"success\", \"values\": {\"trusted\": true}}";

        assertThat(post(url, body).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> routed.size() == 1);
        assertThat(routed.get(0).getHeader(LangGraphConstants.RUN_ID)).isEqualTo(madeUp);
        assertThat(routed.get(0).getBody(String.class)).contains("\"trusted\":true");
        assertThat(langgraph().callbackHub().counters().get("confirm.count")).isEqualTo(1);
    }

    @Test
    void postedBodyIsRecordedWithItsTokenMaskedAndRoutedWithEverySecretRedacted() throws Exception {
        String cid = UUID.randomUUID().toString();
        String token = langgraph().callbackHub().tokens().token("", cid);
        String url = receiverUrl() + "?cid=" + cid + "&token=" + token;
        String runId = UUID.randomUUID().toString();
        // the server echoes the webhook URL (token included) and the caller's configurable entries in kwargs
        String body = "{\"run_id\": \"" + runId + "\", \"status\": \"success\", \"kwargs\": {\"webhook\": \"" + url + "\","
                + " \"config\": {\"configurable\": {\"x-api-key\": \"sk-very-secret-4711\", \"user\": \"ann\"}}}}";

        assertThat(post(url, body).statusCode()).isEqualTo(200);
        // the row as recorded before the answer (or already routed): never the token
        io.camellanggraph.store.InboxRecord row = langgraph().callbackHub().store().find(Claim.key(runId, cid));
        assertThat(row).isNotNull();
        assertThat(row.entry().body()).doesNotContain(token).contains("token=" + Redaction.MASK);

        await().atMost(Duration.ofSeconds(10)).until(() -> routed.size() == 1);
        String routedBody = routed.get(0).getBody(String.class);
        assertThat(routedBody).doesNotContain(token).doesNotContain("sk-very-secret-4711").contains("\"user\":\"ann\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> "routed".equals(langgraph().callbackHub().store().state(Claim.key(runId, cid))));
        assertThat(langgraph().callbackHub().store().find(Claim.key(runId, cid)).entry().body())
                .doesNotContain(token).doesNotContain("sk-very-secret-4711");
    }
}
