package io.camellanggraph.callback;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.Compatibility;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a real server delivers a webhook, seen at an explicit {@code webhook} URL of the test's own (a platform-http
 * route beside the receiver): the content type of its POST, and whether it sends again after a 5xx answer.
 * Subclasses pick the server and say what it does.
 */
abstract class WebhookDeliveryTestBase extends LangGraphTestSupport {

    /** Content types of the POSTs that reached the probe, in order. */
    protected final List<String> contentTypes = new CopyOnWriteArrayList<>();
    /** How many of the first POSTs the probe answers with 500. */
    protected final AtomicInteger failuresLeft = new AtomicInteger();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/delivery-probe?httpMethodRestrict=POST").process(e -> {
                    contentTypes.add(e.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
                    boolean fail = failuresLeft.getAndDecrement() > 0;
                    e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, fail ? 500 : 200);
                    e.getMessage().setBody(null);
                });
            }
        };
    }

    /** Starts a run whose webhook is the probe. */
    protected void startRunCallingTheProbe() {
        Exchange started = template.request("langgraph:run?assistantId=echo&threadId=new&webhook=http://127.0.0.1:"
                + receiverPort + "/delivery-probe", e -> e.getMessage().setBody("{\"text\": \"delivered\"}"));
        assertThat(started.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class)).isNotBlank();
    }

    /** The content type this server's webhooks have. */
    protected abstract String expectedContentType();

    @Test
    void webhookIsPostedWithTheServersContentTypeAndTheReceiverTakesIt() {
        startRunCallingTheProbe();
        await().atMost(Duration.ofSeconds(30)).until(() -> !contentTypes.isEmpty());
        assertThat(contentTypes.get(0)).isEqualTo(expectedContentType());
        Compatibility.CONTENT_TYPE.works(server(), "`" + expectedContentType() + "`");
    }
}
