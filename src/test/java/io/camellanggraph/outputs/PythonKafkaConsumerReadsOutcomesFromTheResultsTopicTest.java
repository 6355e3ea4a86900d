package io.camellanggraph.outputs;

import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.KafkaBroker;
import io.camellanggraph.testsupport.PythonClients;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/results.camel.yaml with {@code kafka.brokers} set: every outcome is also a record on the results topic of a
 * real Kafka broker (scripts/kafka.sh), read by a consumer nobody here wrote (kafka-python): the record key is the
 * outcome's idempotency key, the value the run as JSON, the run headers are record headers as text, and nothing
 * else (no HTTP header of the webhook, nothing secret) is.
 */
class PythonKafkaConsumerReadsOutcomesFromTheResultsTopicTest extends OutputsTestSupport {

    private final KafkaBroker kafka = KafkaBroker.shared();
    private final String topic = "langgraph.results." + newId();

    @Override
    protected void overrides(Properties properties) {
        properties.put("kafka.brokers", kafka.bootstrapServers());
        properties.put("kafka.results-topic", topic);
    }

    @Test
    void everyOutcomeIsARecordKeyedByItsIdempotencyKeyWithTheRunHeaders() throws Exception {
        Started ok = startRun("echo", "{\"text\": \"to kafka\"}");
        Started failed = startRun("fail", "{\"text\": \"kafka failure\"}");

        JsonNode records = MAPPER.readTree(PythonClients.run("kafka_consume.py", List.of(kafka.bootstrapServers(), topic, "2", "90"), 120));
        assertThat(records).hasSize(2);
        JsonNode success = recordOf(records, ok.runId());
        assertThat(success.path("headers").path(LangGraphConstants.IDEMPOTENCY_KEY).asText()).isEqualTo(ok.runId());
        assertThat(success.path("headers").path(LangGraphConstants.RUN_STATUS).asText()).isEqualTo("success");
        assertThat(success.path("headers").path(LangGraphConstants.THREAD_ID).asText()).isEqualTo(ok.threadId());
        assertThat(success.path("headers").path(LangGraphConstants.INTERRUPTED).asText()).isEqualTo("false");
        JsonNode run = MAPPER.readTree(success.path("value").asText());
        assertThat(run.path("values").path("upper").asText()).isEqualTo("TO KAFKA");
        assertThat(run.has("kwargs")).isFalse();

        JsonNode error = recordOf(records, failed.runId());
        assertThat(error.path("headers").path(LangGraphConstants.RUN_STATUS).asText()).isEqualTo("error");
        assertThat(error.path("headers").path(LangGraphConstants.ERROR).asText()).contains("boom: kafka failure");

        for (JsonNode record : records) {
            record.path("headers").fieldNames().forEachRemaining(name -> assertThat(name)
                    .startsWith("CamelLangGraph").doesNotContainIgnoringCase("token").doesNotContainIgnoringCase("secret"));
        }
    }

    private static JsonNode recordOf(JsonNode records, String key) {
        for (JsonNode r : records) {
            if (key.equals(r.path("key").asText())) {
                return r;
            }
        }
        throw new AssertionError("no record with key " + key + " in " + records);
    }
}
