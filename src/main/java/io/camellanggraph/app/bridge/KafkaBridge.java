package io.camellanggraph.app.bridge;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.camellanggraph.component.LangGraphConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * The Kafka side of the request-reply bridge ({@code #kafkaBridge}, routes/kafka-request-reply.camel.yaml), with
 * {@link BridgeRequests} for what both bridges share. A request record names its assistant (and optionally a
 * thread) by the Kafka headers {@value #ASSISTANT_HEADER} and {@value #THREAD_HEADER} (nothing else of the record
 * reaches the producer: camel-kafka drops every {@code Camel*} header coming in), carries its correlation id in the
 * correlation header (Spring Kafka's {@code kafka_correlationId} by default, any bytes) and optionally where the reply
 * goes ({@value #REPLY_TOPIC_HEADER}, else the configured replies topic). The reply carries the same correlation
 * header bytes, the run id as record key, and {@value #IDEMPOTENCY_HEADER}: Kafka has no duplicate detection of its
 * own, so a reply sent again after a crash between send and mark is recognised by the consumer with it.
 */
public final class KafkaBridge {

    public static final String ASSISTANT_HEADER = "langgraph_assistant_id";
    public static final String THREAD_HEADER = "langgraph_thread_id";
    /** Spring Kafka's request-reply header naming the reply topic. */
    public static final String REPLY_TOPIC_HEADER = "kafka_replyTopic";
    /** Header of every reply: the same value on every send of one request's reply. */
    public static final String IDEMPOTENCY_HEADER = "langgraph_idempotency_key";

    private BridgeRequests requests;
    private String correlationHeader = "kafka_correlationId";
    private String repliesTopic = "langgraph.replies";

    /** The shared bridge bean ({@code #bean:bridgeRequests}). */
    public void setRequests(BridgeRequests requests) {
        this.requests = requests;
    }

    /** The Kafka header carrying a request's correlation id, copied to its reply. */
    public void setCorrelationHeader(String correlationHeader) {
        this.correlationHeader = correlationHeader;
    }

    /** Where replies go when a request names no {@value #REPLY_TOPIC_HEADER}. */
    public void setRepliesTopic(String repliesTopic) {
        this.repliesTopic = repliesTopic;
    }

    /**
     * Records the request (before its offset is committed) under its reply topic and its correlation header, else its
     * topic, partition and offset; maps the assistant and thread headers to the producer's.
     */
    public void admit(Exchange exchange) {
        Message in = exchange.getMessage();
        byte[] correlation = bytes(in.getHeader(correlationHeader));
        String record = in.getHeader(KafkaConstants.TOPIC) + "/" + in.getHeader(KafkaConstants.PARTITION) + "/" + in.getHeader(KafkaConstants.OFFSET);
        String key = correlation != null ? Base64.getEncoder().encodeToString(correlation) : record;
        byte[] replyTopic = bytes(in.getHeader(REPLY_TOPIC_HEADER));
        String topic = replyTopic == null ? repliesTopic : new String(replyTopic, StandardCharsets.UTF_8);
        copy(in, ASSISTANT_HEADER, LangGraphConstants.ASSISTANT_ID);
        copy(in, THREAD_HEADER, LangGraphConstants.THREAD_ID);
        requests.admit(exchange, "kafka", key, topic, correlation == null ? null : key, record);
    }

    /** The request is recorded and its run started (or answered): its offset is committed now, synchronously. */
    public void commit(Exchange exchange) {
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit != null) {
            commit.commit();
        }
    }

    /** After {@link BridgeRequests#prepareReply}: the reply's topic, key, correlation and idempotency headers. */
    public void replyHeaders(Exchange exchange) {
        Message message = exchange.getMessage();
        String correlation = exchange.getProperty(BridgeRequests.CORRELATION, String.class);
        if (correlation != null) {
            message.setHeader(correlationHeader, Base64.getDecoder().decode(correlation));
        }
        message.setHeader(KafkaConstants.OVERRIDE_TOPIC, exchange.getProperty(BridgeRequests.REPLY_TO, String.class));
        message.setHeader(KafkaConstants.KEY, message.getHeader(LangGraphConstants.RUN_ID, String.class));
        message.setHeader(IDEMPOTENCY_HEADER, exchange.getProperty(BridgeRequests.REPLY_KEY, String.class));
    }

    private static void copy(Message in, String kafkaHeader, String producerHeader) {
        String value = text(in.getHeader(kafkaHeader));
        if (value != null && !value.isBlank()) {
            in.setHeader(producerHeader, value);
        }
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        return value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object value) {
        byte[] bytes = bytes(value);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
