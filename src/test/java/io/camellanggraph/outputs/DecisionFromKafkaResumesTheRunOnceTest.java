package io.camellanggraph.outputs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/kafka-decisions.camel.yaml against a real KRaft broker, with the Kafka Java client as the deciding side: the
 * handle from the approvals message, a decision record resumes the run (its outcome comes back through the results
 * route), a second decision for the same interrupt is refused to the refused topic with its reason and starts no run.
 */
class DecisionFromKafkaResumesTheRunOnceTest extends OutputsTestSupport {

    private final String brokers = KafkaBroker.shared().bootstrapServers();
    private final String suffix = Long.toString(System.nanoTime(), 36);
    private final String decisions = "decisions-" + suffix;
    private final String refused = "decisions-refused-" + suffix;

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/results.camel.yaml", "routes/kafka-decisions.camel.yaml");
    }

    @Override
    protected void overrides(Properties properties) {
        properties.put("kafka.brokers", brokers);
        properties.put("outputs.kafka.decisions-topic", decisions);
        properties.put("outputs.kafka.decisions-refused-topic", refused);
    }

    private void decide(String handle, String answer) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            ProducerRecord<String, String> decision = new ProducerRecord<>(decisions, "order-1", answer);
            decision.headers().add("langgraph_resume_handle", handle.getBytes(StandardCharsets.UTF_8));
            decision.headers().add("langgraph_resumed_by", "kafka-client".getBytes(StandardCharsets.UTF_8));
            producer.send(decision);
        }
    }

    @Test
    void decisionRecordResumesTheRunAndASecondIsRefusedWithItsReason() throws Exception {
        Started started = startRun("approval", "{\"text\": \"refund over kafka\"}");
        jakarta.jms.Message approval = eventually(() -> browse("langgraph.approvals"), l -> !l.isEmpty()).get(0);
        String handle = property(approval, LangGraphConstants.RESUME_HANDLE);

        decide(handle, "\"approve\"");
        JsonNode done = eventually(() -> browse("langgraph.results").stream().map(OutputsTestSupport::json)
                .filter(run -> started.threadId().equals(run.path("thread_id").asText())).toList(), l -> !l.isEmpty()).get(0);
        assertThat(done.path("values").path("decision").asText()).isEqualTo("approve");

        decide(handle, "reject");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "refused-" + suffix, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(refused));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            eventually(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records;
            }, l -> !l.isEmpty());
            ConsumerRecord<String, String> record = records.get(0);
            assertThat(record.value()).isEqualTo("reject");
            assertThat(new String(record.headers().lastHeader("langgraph_refused_reason").value(), StandardCharsets.UTF_8))
                    .isEqualTo("ALREADY_ANSWERED");
            assertThat(record.headers().lastHeader("langgraph_resume_handle")).isNull();
            assertThat(record.headers().lastHeader(LangGraphConstants.RESUME_HANDLE)).isNull();
        }
        assertThat(browse("langgraph.results")).as("no second resume run").hasSize(1);
    }
}
