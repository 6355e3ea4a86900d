package io.camellanggraph.outputs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.component.LangGraphConstants;
import jakarta.jms.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery into routes/results.camel.yaml is at least once: an outcome whose route finished but whose routed mark was
 * not committed before a crash is routed again. Here two real outcomes of a real LangGraph server (echo: success,
 * fail: error) are routed, then each is routed a second time through the component's own redelivery path (its inbox
 * row made unrouted again and rescanned, confirmed with the server again), with the same idempotency key, after a
 * restart of the embedded broker. Each output drops or absorbs the second delivery: one JMS message per queue (Artemis
 * duplicate detection, its id cache persisted), the same file with the same content, one digest, and an alert mail
 * whose second copy carries the same Message-ID (SMTP cannot refuse it).
 */
class RedeliveredOutcomeReachesEachOutputOnceTest extends OutputsTestSupport {

    @Override
    protected void overrides(Properties properties) {
        properties.put("mail.digest.size", "2");
        properties.put("mail.digest.period", "120000");
    }

    @Test
    void redeliveredOutcomeReachesEachOutputOnce() throws Exception {
        String success = startRun("echo", "{\"text\": \"once only\"}").runId();
        String error = startRun("fail", "{\"text\": \"once only\"}").runId();
        Map<String, String> kinds = Map.of(success, "success", error, "error");
        CallbackHub hub = langgraph().callbackHub();
        List<String> inboxKeys = List.of(inboxKey(hub, success), inboxKey(hub, error));
        for (String row : inboxKeys) {
            eventually(() -> hub.store().state(row), "routed"::equals);
        }
        eventually(this::mails, mails -> mails.size() >= 2);
        eventually(this::auditLines, lines -> lines.size() >= 2);
        Map<String, String> firstFiles = Map.of(success, Files.readString(resultFile("success", success)),
                error, Files.readString(resultFile("error", error)));

        // the broker restarts in between, as it does with the app after a crash: the duplicate ids are in its journal
        broker.stop();
        broker.start();
        // the crash window: routed, but the mark not committed; the restart routes both outcomes again
        for (String row : inboxKeys) {
            hub.store().markFailed(row, "routed mark lost in a crash");
            assertThat(hub.replay(row)).isTrue();
        }
        for (String row : inboxKeys) {
            eventually(() -> hub.store().state(row), "routed"::equals);
        }

        // audit: one line per delivery, each with the key, for a reader to de-duplicate
        List<JsonNode> audit = eventually(this::auditLines, lines -> lines.size() >= 4);
        assertThat(audit).extracting(l -> l.path("idempotency_key").asText())
                .containsExactlyInAnyOrder(success, success, error, error);
        assertThat(audit).allSatisfy(l -> assertThat(l.path("idempotency_key").asText()).isEqualTo(l.path("run_id").asText()));

        // JMS: the second copy carried the same duplicate id and was dropped by the broker
        assertThat(browse("langgraph.results")).singleElement().satisfies(m -> assertDuplicateId(m, success));
        assertThat(browse("langgraph.failures")).singleElement().satisfies(m -> assertDuplicateId(m, error));
        assertThat(browse("langgraph.messages")).singleElement()
                .satisfies(m -> assertThat(property(m, "_AMQ_DUPL_ID")).isEqualTo(success + "/message/1"));

        // files: named by the key, so the redelivery replaced the same file with the same content
        assertThat(files(resultsDir())).hasSize(2);
        for (Map.Entry<String, String> run : kinds.entrySet()) {
            assertThat(Files.readString(resultFile(run.getValue(), run.getKey()))).isEqualTo(firstFiles.get(run.getKey()));
        }

        // mail: the alert came twice (SMTP takes what it is given) as one mail to every client: the same Message-ID;
        // the digest skipped both keys it had aggregated already
        List<MimeMessage> mails = mails();
        List<MimeMessage> alerts = mails.stream().filter(m -> Mails.subject(m).startsWith("LangGraph run ")).toList();
        assertThat(alerts).hasSize(2).extracting(RedeliveredOutcomeReachesEachOutputOnceTest::messageId)
                .containsOnly("<" + error + "@camel-langgraph>");
        assertThat(mails.stream().filter(m -> Mails.subject(m).startsWith("LangGraph digest")).toList()).singleElement()
                .satisfies(digest -> {
                    assertThat(messageId(digest)).matches("<digest-[0-9a-f]{32}@camel-langgraph>");
                    assertThat(Mails.subject(digest)).startsWith("LangGraph digest: 2 runs");
                });

        assertThat(files(deadLetterDir())).isEmpty();
        assertThat(browse("langgraph.dlq")).isEmpty();
    }

    /** The inbox row of a run (its key there also names the correlation id). */
    private static String inboxKey(CallbackHub hub, String runId) {
        return eventually(() -> hub.store().recent(100).stream().map(r -> r.entry().dedupKey())
                .filter(k -> k.startsWith(runId + ":")).findFirst().orElse(null), k -> k != null);
    }

    private Path resultFile(String kind, String key) {
        return resultsDir().resolve(kind).resolve(key + ".json");
    }

    private void assertDuplicateId(Message message, String key) {
        assertThat(property(message, LangGraphConstants.IDEMPOTENCY_KEY)).isEqualTo(key);
        assertThat(property(message, "_AMQ_DUPL_ID")).isEqualTo(key);
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
