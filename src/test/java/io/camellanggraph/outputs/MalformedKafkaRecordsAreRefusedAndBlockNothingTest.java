package io.camellanggraph.outputs;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Kafka consumers against a real KRaft broker, fed by the Kafka Java client (not Camel): a decision record
 * without the handle header, one naming the thread and interrupt under case-variant {@code CamelLangGraph*} headers,
 * then one longer than the app's limit under the valid handle, then a valid decision: the valid one resumes its run,
 * the others are on the refused topic with their reason, without the handle, and resumed nothing. A request that is not
 * JSON, one naming no assistant, one naming an assistant the server does not know, one too long, then a valid request:
 * the valid one is answered, the others refused (the unknown assistant's client gets the error reply with the reason),
 * and a key the sender put in a header travels nowhere. Nothing waits behind a malformed record.
 */
class MalformedKafkaRecordsAreRefusedAndBlockNothingTest extends OutputsTestSupport {

    private static final int MAX_BODY = 64 * 1024;

    private final String brokers = KafkaBroker.shared().bootstrapServers();
    private final String suffix = Long.toString(System.nanoTime(), 36);
    private final String decisions = "decisions-" + suffix;
    private final String decisionsRefused = "decisions-refused-" + suffix;
    private final String requests = "requests-" + suffix;
    private final String requestsRefused = "requests-refused-" + suffix;
    private final String replies = "replies-" + suffix;

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/results.camel.yaml", "routes/kafka-decisions.camel.yaml", "routes/request-reply.camel.yaml",
                "routes/kafka-request-reply.camel.yaml");
    }

    @Override
    protected void overrides(Properties properties) {
        properties.put("kafka.brokers", brokers);
        properties.put("kafka.results-topic", "results-" + suffix);
        properties.put("outputs.kafka.decisions-topic", decisions);
        properties.put("outputs.kafka.decisions-refused-topic", decisionsRefused);
        properties.put("outputs.kafka.requests-topic", requests);
        properties.put("outputs.kafka.requests-refused-topic", requestsRefused);
        properties.put("outputs.kafka.replies-topic", replies);
        // the app's limit, lowered under the Kafka producer's own (1 MiB) so that a record past it can be sent at all
        properties.put("outputs.inbound.max-body-size", Integer.toString(MAX_BODY));
    }

    private void send(String topic, String value, Map<String, String> headers) {
        KafkaTopics.send(brokers, topic, value, headers);
    }

    private List<ConsumerRecord<String, String>> read(String topic, Predicate<List<ConsumerRecord<String, String>>> done) {
        return KafkaTopics.read(brokers, topic, done);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return KafkaTopics.header(record, name);
    }

    @Test
    void decisionWithoutHandleIsRefusedAndTheValidOneAfterItResumesTheRun() throws Exception {
        Started started = startRun("approval", "{\"text\": \"refund over kafka\"}");
        jakarta.jms.Message approval = eventually(() -> browse("langgraph.approvals"), l -> !l.isEmpty()).get(0);
        String handle = property(approval, LangGraphConstants.RESUME_HANDLE);
        String interruptId = MAPPER.readTree(property(approval, LangGraphConstants.INTERRUPTS)).get(0).path("id").asText();

        send(decisions, "\"reject\"", Map.of());
        send(decisions, "\"reject\"", Map.of("CAMELLANGGRAPHTHREADID", started.threadId(), "CAMELLANGGRAPHINTERRUPTID", interruptId,
                "camelLangGraphCallback", "results"));
        send(decisions, "\"" + "a".repeat(MAX_BODY) + "\"", Map.of("langgraph_resume_handle", handle));
        send(decisions, "\"approve\"", Map.of("langgraph_resume_handle", handle, "langgraph_resumed_by", "kafka-client"));

        JsonNode done = eventually(() -> browse("langgraph.results").stream().map(OutputsTestSupport::json)
                .filter(run -> started.threadId().equals(run.path("thread_id").asText())).toList(), l -> !l.isEmpty()).get(0);
        assertThat(done.path("values").path("decision").asText()).as("the valid decision resumed the run").isEqualTo("approve");

        List<ConsumerRecord<String, String>> refused = read(decisionsRefused, l -> l.size() >= 3);
        assertThat(refused).extracting(r -> header(r, "langgraph_refused_reason")).containsExactly("MISSING_HANDLE", "MISSING_HANDLE",
                "OVERSIZED");
        assertThat(refused).extracting(ConsumerRecord::value).containsExactly("\"reject\"", "\"reject\"", "");
        assertThat(refused).allSatisfy(r -> assertThat(r.headers().lastHeader("langgraph_resume_handle")).isNull());
        assertThat(browse("langgraph.results")).as("one resume run, the valid decision's").hasSize(1);
    }

    @Test
    void malformedRequestsAreRefusedAndTheValidOneAfterThemIsAnswered() throws Exception {
        send(requests, "not json", Map.of("langgraph_assistant_id", "echo", "kafka_correlationId", "k-junk-1"));
        send(requests, "{\"text\": \"whose?\"}", Map.of("kafka_correlationId", "k-junk-2", "CamelLangGraphWebhook", "http://127.0.0.1:9/x"));
        // an assistant id the server does not know (404 for an id)
        send(requests, "{\"text\": \"nobody\"}", Map.of("langgraph_assistant_id", "00000000-0000-4000-8000-000000000000",
                "kafka_correlationId", "k-unknown", "x-api-key", "sender-key-123"));
        send(requests, "{\"text\": \"" + "x".repeat(MAX_BODY) + "\"}", Map.of("langgraph_assistant_id", "echo", "kafka_correlationId", "k-big"));
        send(requests, "{\"text\": \"valid\"}", Map.of("langgraph_assistant_id", "echo", "kafka_correlationId", "k-good"));

        ConsumerRecord<String, String> reply = read(replies, l -> l.stream().anyMatch(r -> "k-good".equals(header(r, "kafka_correlationId"))))
                .stream().filter(r -> "k-good".equals(header(r, "kafka_correlationId"))).findFirst().orElseThrow();
        JsonNode run = MAPPER.readTree(reply.value());
        assertThat(run.path("status").asText()).isEqualTo("success");
        assertThat(run.path("values").path("upper").asText()).isEqualTo("VALID");

        ConsumerRecord<String, String> error = read(replies, l -> l.stream().anyMatch(r -> "k-unknown".equals(header(r, "kafka_correlationId"))))
                .stream().filter(r -> "k-unknown".equals(header(r, "kafka_correlationId"))).findFirst().orElseThrow();
        assertThat(MAPPER.readTree(error.value()).path("reason").asText()).isEqualTo("NOT_FOUND");

        List<ConsumerRecord<String, String>> refused = read(requestsRefused, l -> l.size() >= 4);
        assertThat(refused).extracting(r -> header(r, "langgraph_refused_reason")).containsExactly("NOT_JSON", "MISSING_ASSISTANT",
                "NOT_FOUND", "OVERSIZED");
        assertThat(refused).extracting(ConsumerRecord::value).containsExactly("not json", "{\"text\": \"whose?\"}",
                "{\"text\": \"nobody\"}", "");
        assertThat(refused).allSatisfy(r -> assertThat(r.headers().lastHeader("x-api-key")).isNull());
        assertThat(error.value()).doesNotContain("sender-key-123");
        assertThat(error.headers().lastHeader("x-api-key")).isNull();
        assertThat(langgraph().runsStarted().get("echo")).as("runs started: the valid request's only").isEqualTo(1);
    }
}
