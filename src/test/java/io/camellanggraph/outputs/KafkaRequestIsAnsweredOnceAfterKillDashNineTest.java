package io.camellanggraph.outputs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.app.bridge.BridgeRequests;
import io.camellanggraph.testsupport.BridgeRows;
import io.camellanggraph.testsupport.TestDirs;
import io.camellanggraph.testsupport.AppProcess;
import io.camellanggraph.testsupport.KafkaBroker;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
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
import static org.awaitility.Awaitility.await;

/**
 * routes/kafka-request-reply.camel.yaml against a real KRaft broker ({@code scripts/kafka.sh}), with the Kafka Java
 * client as the ESB side: a request record (correlation header {@code kafka_correlationId} of raw bytes, as Spring
 * Kafka sends it, and a reply topic) for a slow run of the real Python server; the app (a real process) is killed
 * with {@code kill -9} while the run runs, the run ends meanwhile, the app starts again on the same data directory.
 * The reply topic then holds exactly one reply, with the request's correlation bytes and the run's values; the
 * request's offset was committed, so the restart starts no second run. A request naming no assistant then gets a
 * correlated error reply.
 */
class KafkaRequestIsAnsweredOnceAfterKillDashNineTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path data = TestDirs.create("kafka-bridge-data-");
    private final Path out = TestDirs.create("kafka-bridge-out-");
    private final int port = LangGraphTestSupport.freePort();
    private final String server = LangGraphServer.python().url();
    private final String brokers = KafkaBroker.shared().bootstrapServers();
    private final String suffix = Long.toString(System.nanoTime(), 36);
    private final String requestsTopic = "langgraph-requests-" + suffix;
    private final String repliesTopic = "esb-replies-" + suffix;

    private AppProcess app(String name) {
        return new AppProcess(name, port)
                .with("langgraph.url", server)
                .with("langgraph.webhook.secret", LangGraphTestSupport.SECRET)
                .with("langgraph.data-dir", data.toString())
                .with("app.out-dir", out.toString())
                .with("jms.embedded.port", "0")
                .with("kafka.brokers", brokers)
                .with("outputs.kafka.requests-topic", requestsTopic);
    }

    @Test
    void kafkaRequestWhoseAppIsKilledWhileItsRunRunsGetsExactlyOneReplyAfterTheRestart() throws Exception {
        byte[] correlation = uuidBytes(UUID.randomUUID());
        String requestId = BridgeRequests.requestId("kafka", repliesTopic, Base64.getEncoder().encodeToString(correlation));
        String runId;
        try (AppProcess first = app("kafka-bridge-first").start()) {
            ProducerRecord<String, String> request = new ProducerRecord<>(requestsTopic, "order-k1", "{\"seconds\": 8}");
            request.headers().add("langgraph_assistant_id", "sleep".getBytes(StandardCharsets.UTF_8));
            send(request, correlation);
            runId = await().atMost(Duration.ofSeconds(90)).until(() -> BridgeRows.column(data, requestId, "run_id"), id -> id != null);
            assertThat(BridgeRows.runStatus(data, server, runId)).as("the run is still running at the kill").isIn("pending", "running");
            first.kill();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> "success".equals(BridgeRows.runStatus(data, server, runId)));

        try (AppProcess second = app("kafka-bridge-second").start();
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                     ConsumerConfig.GROUP_ID_CONFIG, "esb-" + suffix, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                     ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(repliesTopic));
            List<ConsumerRecord<String, String>> replies = new ArrayList<>();
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(replies::add);
                return !replies.isEmpty();
            });
            ConsumerRecord<String, String> reply = replies.get(0);
            assertThat(reply.headers().lastHeader("kafka_correlationId").value()).isEqualTo(correlation);
            assertThat(new String(reply.headers().lastHeader("langgraph_idempotency_key").value(), StandardCharsets.UTF_8))
                    .startsWith("langgraph-reply:" + requestId + "@");
            assertThat(reply.key()).isEqualTo(runId);
            JsonNode run = MAPPER.readTree(reply.value());
            assertThat(run.path("run_id").asText()).isEqualTo(runId);
            assertThat(run.path("status").asText()).isEqualTo("success");
            assertThat(run.path("values").path("slept").asDouble()).isEqualTo(8.0);
            // exactly one, and settled
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(replies::add);
                return replies.size() == 1;
            });
            assertThat(BridgeRows.column(data, requestId, "state")).isEqualTo("replied");
            // its offset was committed before the kill: the restarted consumer did not see the request again
            assertThat(second.log()).doesNotContain("came again");

            // a request naming no assistant gets an error reply, correlated, instead of silence
            byte[] unnamed = uuidBytes(UUID.randomUUID());
            send(new ProducerRecord<>(requestsTopic, "order-k2", "{\"text\": \"who runs me?\"}"), unnamed);
            List<ConsumerRecord<String, String>> errors = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(errors::add);
                return !errors.isEmpty();
            });
            assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.headers().lastHeader("kafka_correlationId").value()).isEqualTo(unnamed);
                JsonNode body = MAPPER.readTree(error.value());
                assertThat(body.path("status").asText()).isEqualTo("error");
                assertThat(body.path("error").asText()).contains("assistantId");
            });
        }
    }

    /** Sends a request as Spring Kafka's ReplyingKafkaTemplate would: raw correlation bytes and the reply topic. */
    private void send(ProducerRecord<String, String> request, byte[] correlation) throws Exception {
        request.headers().add("kafka_correlationId", correlation);
        request.headers().add("kafka_replyTopic", repliesTopic.getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(request).get();
        }
    }

    private static byte[] uuidBytes(UUID uuid) {
        return java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }

    /** A column of the request's row in the outputs' store, read as any SQLite client would. */
}
