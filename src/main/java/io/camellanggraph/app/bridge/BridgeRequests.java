package io.camellanggraph.app.bridge;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.app.outputs.DeadLetters;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphConstants;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request-reply bridges' bean ({@code #bridgeRequests}, routes/request-reply.camel.yaml): no request left
 * unanswered, none answered twice.
 * <ol>
 * <li>{@link #admitJms}: the request, its reply destination and the correlation id the reply carries are recorded
 * ({@link BridgeRequestStore}) before the run starts; the run carries the request id in its metadata; the request is
 * acknowledged only after that (transacted consumer), so a crash before it redelivers the request.</li>
 * <li>{@link #runStarted}: the run exists; a redelivery of the request is a duplicate from now on.</li>
 * <li>{@link #outcome} and {@link #prepareReply}: the run's outcome (webhook or reconciliation, also after a restart,
 * at least once) finds its request by the run's metadata; a request answered already is not answered again, and the
 * reply carries a duplicate id, so a reply sent just before a crash and sent again after it is dropped by the broker.
 * An outcome with no recorded request is counted ({@code orphaned.bridge}) and answered nowhere.</li>
 * <li>{@link #replied}: marked answered, once.</li>
 * </ol>
 */
public final class BridgeRequests {

    /** Run metadata key naming the bridge request a run answers. */
    public static final String METADATA = "camel_langgraph_bridge_request";
    /** Exchange property: the request id ({@code <bridge>:<client's correlation id>}). */
    public static final String REQUEST_ID = "LangGraphBridgeRequestId";
    /** Exchange property: true when the request was recorded already (no second run, no second reply). */
    public static final String DUPLICATE = "LangGraphBridgeDuplicate";
    /** Exchange property: true when there is nothing (more) to send for this outcome. */
    public static final String SKIP = "LangGraphBridgeSkip";
    /** Exchange property: the reply destination: a {@code jms:} endpoint path ({@code queue:name}, {@code topic:name}), a Kafka topic. */
    public static final String REPLY_TO = "LangGraphBridgeReplyTo";
    /** Exchange property: which bridge took the request ({@code jms}, {@code kafka}): where its reply goes out. */
    public static final String BRIDGE = "LangGraphBridge";
    /** Exchange property: the correlation id the reply carries (Kafka: the header's bytes, Base64). */
    public static final String CORRELATION = "LangGraphBridgeCorrelation";

    private static final Logger LOG = LoggerFactory.getLogger(BridgeRequests.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BridgeRequestStore store;
    /** This app start's name in the store: a row another start recorded and never got to run is taken over. */
    private final String owner = "bridge-" + UUID.randomUUID();

    public BridgeRequests(BridgeRequestStore store) {
        this.store = store;
    }

    public BridgeRequestStore store() {
        return store;
    }

    /** A JMS request: known by its JMSCorrelationID (else JMSMessageID), answered to its JMSReplyTo. */
    public void admitJms(Exchange exchange) throws JMSException {
        Message in = exchange.getMessage();
        String correlationId = in.getHeader("JMSCorrelationID", String.class);
        String key = correlationId == null || correlationId.isBlank() ? in.getHeader("JMSMessageID", String.class) : correlationId;
        Destination replyTo = in.getHeader("JMSReplyTo", Destination.class);
        admit(exchange, "jms", key, replyTo == null ? null : endpointPath(replyTo), key);
    }

    /** Records the request before its run starts; sets {@link #DUPLICATE} and the run's metadata naming the request. */
    void admit(Exchange exchange, String bridge, String key, String replyTo, String correlationId) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the request carries no id to correlate its reply by");
        }
        String requestId = bridge + ":" + key;
        BridgeRequestStore.Admission admission = store.admit(requestId, bridge, replyTo, correlationId, owner);
        exchange.setProperty(REQUEST_ID, requestId);
        exchange.setProperty(DUPLICATE, admission == BridgeRequestStore.Admission.DUPLICATE);
        if (admission == BridgeRequestStore.Admission.TAKEN_OVER) {
            LOG.info("Request {} was accepted by an instance that stopped before starting its run: started here", requestId);
        }
        // the run names its request, so its outcome finds the reply even when it beats runStarted, or after a restart
        exchange.getMessage().setHeader(LangGraphConstants.METADATA,
                MAPPER.createObjectNode().put(METADATA, requestId).toString());
    }

    /** The request's run was created. */
    public void runStarted(Exchange exchange) {
        store.runStarted(exchange.getProperty(REQUEST_ID, String.class),
                exchange.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class));
    }

    /** A run's outcome: the request it answers, from the run's metadata (before the content filter drops anything). */
    public void outcome(Exchange exchange) throws Exception {
        JsonNode run = MAPPER.readTree(exchange.getMessage().getBody(String.class));
        String requestId = run.path("metadata").path(METADATA).asText(null);
        exchange.setProperty(REQUEST_ID, requestId);
    }

    /**
     * Sets where the reply goes ({@link #REPLY_TO}), its correlation id and its duplicate id; or {@link #SKIP} when the
     * request was answered already or no request was recorded for it (counted as {@code orphaned.bridge}).
     */
    public void prepareReply(Exchange exchange) throws Exception {
        String requestId = exchange.getProperty(REQUEST_ID, String.class);
        BridgeRequestStore.Request request = requestId == null ? null : store.find(requestId);
        Message message = exchange.getMessage();
        if (request == null) {
            exchange.setProperty(SKIP, true);
            exchange.getContext().getComponent("langgraph", LangGraphComponent.class).callbackHub().counters()
                    .increment("orphaned.bridge");
            LOG.warn("Outcome of run {} answers no recorded bridge request ({}): not sent anywhere",
                    message.getHeader(LangGraphConstants.RUN_ID), requestId);
            return;
        }
        if ("replied".equals(request.state())) {
            exchange.setProperty(SKIP, true);
            LOG.info("Request {} was answered already: run {} sends no second reply", requestId,
                    message.getHeader(LangGraphConstants.RUN_ID));
            return;
        }
        if (request.replyTo() == null) {
            exchange.setProperty(SKIP, true);
            LOG.info("Request {} named no reply destination: its outcome is not sent", requestId);
            store.markReplied(requestId, message.getHeader(LangGraphConstants.RUN_ID, String.class));
            return;
        }
        exchange.setProperty(SKIP, false);
        // nothing of the request's own JMS headers (its JMSReplyTo above all) goes out with the reply
        message.removeHeaders("JMS*");
        message.removeHeader(LangGraphConstants.METADATA);
        message.setHeader("JMSCorrelationID", request.correlationId());
        exchange.setProperty(REPLY_TO, request.replyTo());
        exchange.setProperty(BRIDGE, request.bridge());
        exchange.setProperty(CORRELATION, request.correlationId());
        // a reply sent again after a crash (sent, not yet marked) is dropped by the broker's duplicate detection
        message.setHeader(DeadLetters.DUPLICATE_ID, "langgraph-reply:" + requestId);
    }

    /** The reply went out: marked answered, so a further outcome of the request is not sent. */
    public void replied(Exchange exchange) {
        store.markReplied(exchange.getProperty(REQUEST_ID, String.class),
                exchange.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class));
    }

    /** A JMS destination as the path of a {@code jms:} endpoint. */
    static String endpointPath(Destination destination) throws JMSException {
        if (destination instanceof Queue queue) {
            return "queue:" + queue.getQueueName();
        }
        if (destination instanceof Topic topic) {
            return "topic:" + topic.getTopicName();
        }
        throw new IllegalArgumentException("unsupported JMSReplyTo " + destination);
    }
}
