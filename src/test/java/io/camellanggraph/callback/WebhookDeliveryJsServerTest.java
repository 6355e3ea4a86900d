package io.camellanggraph.callback;

import java.time.Duration;

import io.camellanggraph.testsupport.Compatibility;
import io.camellanggraph.testsupport.LangGraphServer;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/** The JS server posts its webhook as text/plain and sends it once, whatever the answer (webhook.mjs). */
class WebhookDeliveryJsServerTest extends WebhookDeliveryTestBase {

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.js();
    }

    @Override
    protected String expectedContentType() {
        return "text/plain;charset=UTF-8";
    }

    @Test
    void webhookAnsweredWithAServerErrorIsNotSentAgain() {
        failuresLeft.set(1);
        startRunCallingTheProbe();
        await().atMost(Duration.ofSeconds(30)).until(() -> contentTypes.size() == 1);
        // the Python server's second attempt comes within about 2 s: ten seconds without one is a server that never retries
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15)).until(() -> contentTypes.size() == 1);
        Compatibility.RETRIES.fails(server(), "sent once, whatever the answer");
    }
}
