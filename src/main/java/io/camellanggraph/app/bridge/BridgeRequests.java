package io.camellanggraph.app.bridge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.app.inbound.InboundRefusedException;
import io.camellanggraph.app.outputs.DeadLetters;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.callback.LogLimiter;
import io.camellanggraph.callback.Redaction;
import io.camellanggraph.client.Run;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsConstants;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request-reply bridges' bean ({@code #bridgeRequests}, routes/request-reply.camel.yaml): one run per request,
 * every request answered, none answered twice unasked.
 * <ol>
 * <li>{@link #admit} (from {@link JmsBridge} and {@link KafkaBridge}): a request is known by its client's reply destination and correlation id ({@link #requestId})
 * for the bridge's window ({@code outputs.bridge.request-window}); it is recorded with the correlation id its reply
 * carries ({@link BridgeRequestStore}) before its run starts; the run carries the request id and its admission in its
 * metadata; the request is acknowledged only after that (transacted consumer), so a crash before it redelivers the
 * request. A request taken over from an instance that died before recording its run starts one only when the server
 * has none ({@link BridgeRuns}). A duplicate within the window starts nothing; once the first is answered it gets the
 * first reply again.</li>
 * <li>{@link #runStarted}: the run exists; a redelivery of the request is a duplicate from now on.</li>
 * <li>{@link #outcome} and {@link #prepareReply}: the run's outcome (webhook or reconciliation, also after a restart,
 * at least once) finds its request by the run's metadata; a request answered already is not answered again, and the
 * reply carries a duplicate id, so a reply sent just before a crash and sent again after it is dropped by the broker.
 * An outcome with no recorded request (or of an expired admission of its id) is counted ({@code orphaned.bridge}) and
 * answered nowhere.</li>
 * <li>{@link #replied}: marked answered, once, with the reply as sent; or {@link #replyFailed}: an error reply that
 * cannot be delivered makes the request a dead letter.</li>
 * </ol>
 */
public final class BridgeRequests {

    /** Run metadata key naming the bridge request a run answers. */
    public static final String METADATA = "camel_langgraph_bridge_request";
    /** Run metadata key: when the request was admitted (epoch ms), telling its runs from those of an expired admission. */
    public static final String ADMITTED_METADATA = "camel_langgraph_bridge_admitted";
    /** Exchange property: the request id ({@link #requestId}). */
    public static final String REQUEST_ID = "LangGraphBridgeRequestId";
    /** Exchange property: true when the request was recorded already (no second run). */
    public static final String DUPLICATE = "LangGraphBridgeDuplicate";
    /** Exchange property on a duplicate whose first request was answered: which message it is (its reply goes again once). */
    public static final String RESEND = "LangGraphBridgeResend";
    /** Exchange property: true when there is nothing (more) to send for this outcome. */
    public static final String SKIP = "LangGraphBridgeSkip";
    /** Exchange property: the reply destination: a {@code jms:} endpoint path ({@code queue:name}, {@code topic:name}), a Kafka topic. */
    public static final String REPLY_TO = "LangGraphBridgeReplyTo";
    /** Exchange property: {@code queue} or {@code topic}, the kind of JMS destination the reply goes to. */
    public static final String REPLY_KIND = "LangGraphBridgeReplyKind";
    /** Exchange property: which bridge took the request ({@code jms}, {@code kafka}): where its reply goes out. */
    public static final String BRIDGE = "LangGraphBridge";
    /**
     * Exchange property: the key of the request's reply, the same on every send of it: {@code langgraph-reply:<request
     * id>@<admission>} (a request id reused after the window has a reply of its own).
     */
    public static final String REPLY_KEY = "LangGraphBridgeReplyKey";
    /** Exchange property: the correlation id the reply carries (Kafka: the header's bytes, Base64). */
    public static final String CORRELATION = "LangGraphBridgeCorrelation";
    /** Default of {@code outputs.bridge.request-window}: a request id is remembered for a day. */
    public static final long DEFAULT_WINDOW_MILLIS = 86_400_000L;

    private static final Logger LOG = LoggerFactory.getLogger(BridgeRequests.class);
    /** A client naming a reply destination the broker refuses may do so for every request: a warning for each is a flood. */
    private static final LogLimiter FAILED_LOG = new LogLimiter(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ADMITTED = "LangGraphBridgeAdmitted";
    /** Reply headers not kept for a duplicate: the capability to answer an interrupt is not stored at rest. */
    private static final Set<String> NOT_KEPT = Set.of(LangGraphConstants.RESUME_HANDLE, LangGraphConstants.RESUME_URL,
            LangGraphConstants.INTERRUPTS);

    private final BridgeRequestStore store;
    private final long windowMillis;
    private final String callback;
    /** This app start's name in the store: a row another start recorded and never got to run is taken over. */
    private final String owner = "bridge-" + UUID.randomUUID();

    /**
     * @param windowMillis how long a request id is remembered: a duplicate within it starts no run
     * @param callback     the bridge's callback name ({@code outputs.bridge.callback}): a run adopted on takeover is
     *                     reconciled under it
     */
    public BridgeRequests(BridgeRequestStore store, long windowMillis, String callback) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("outputs.bridge.request-window must be positive, not " + windowMillis);
        }
        this.store = store;
        this.windowMillis = windowMillis;
        this.callback = callback;
    }

    public BridgeRequestStore store() {
        return store;
    }

    public long windowMillis() {
        return windowMillis;
    }

    /**
     * A request's id: the bridge and a digest of the client's reply destination and correlation id, so that two clients
     * using the same correlation ids never meet, whatever the length of either.
     */
    public static String requestId(String bridge, String replyTo, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(((replyTo == null ? "" : replyTo) + "\n" + key)
                    .getBytes(StandardCharsets.UTF_8));
            return bridge + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records the request before its run starts; sets {@link #DUPLICATE} (and {@link #RESEND} when the first request
     * was answered), or the run's metadata naming the request. {@code delivery} names this message (a duplicate's
     * reply is sent again once per message).
     */
    void admit(Exchange exchange, String bridge, String key, String replyTo, String correlationId, String delivery) {
        if (key == null || key.isBlank()) {
            throw new InboundRefusedException(InboundRefusedException.Reason.MISSING_ID,
                    "the request carries no id to correlate its reply by (JMSCorrelationID or JMSMessageID)");
        }
        String requestId = requestId(bridge, replyTo, key);
        long now = System.currentTimeMillis();
        BridgeRequestStore.Admitted admitted = store.admit(requestId, bridge, replyTo, correlationId, owner, now, now - windowMillis);
        BridgeRequestStore.Request request = admitted.request();
        exchange.setProperty(REQUEST_ID, requestId);
        boolean duplicate = admitted.admission() == BridgeRequestStore.Admission.DUPLICATE;
        if (admitted.admission() == BridgeRequestStore.Admission.TAKEN_OVER) {
            Run existing = new BridgeRuns(hub(exchange), callback).adopt(requestId, request.receivedAt(),
                    exchange.getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class));
            if (existing != null) {
                store.runStarted(requestId, existing.runId());
                LOG.info("Request {} was accepted by an instance that stopped after starting run {}: no second run",
                        requestId, existing.runId());
                duplicate = true;
            } else {
                LOG.info("Request {} was accepted by an instance that stopped before starting its run: started here", requestId);
            }
        }
        exchange.setProperty(DUPLICATE, duplicate);
        if (duplicate) {
            // the reply is kept before it is sent (keepReply): a duplicate that comes once the client may have it gets it
            if (request != null && request.replyBody() != null) {
                exchange.setProperty(RESEND, delivery);
            }
            return;
        }
        // the run names its request, so its outcome finds the reply even when it beats runStarted, or after a restart
        exchange.getMessage().setHeader(LangGraphConstants.METADATA, MAPPER.createObjectNode().put(METADATA, requestId)
                .put(ADMITTED_METADATA, Long.toString(request.receivedAt())).toString());
    }

    /** The request's run was created. */
    public void runStarted(Exchange exchange) {
        store.runStarted(exchange.getProperty(REQUEST_ID, String.class),
                exchange.getMessage().getHeader(LangGraphConstants.RUN_ID, String.class));
    }

    /** A run's outcome: the request it answers, from the run's metadata (before the content filter drops anything). */
    public void outcome(Exchange exchange) throws Exception {
        JsonNode metadata = MAPPER.readTree(exchange.getMessage().getBody(String.class)).path("metadata");
        exchange.setProperty(REQUEST_ID, metadata.path(METADATA).asText(null));
        exchange.setProperty(ADMITTED, metadata.path(ADMITTED_METADATA).asText(null));
    }

    /**
     * Sets where the reply goes ({@link #REPLY_TO}, {@link #REPLY_KIND} and the destination name), its correlation id
     * and its duplicate id; for a {@link #RESEND}, the reply as first sent; or {@link #SKIP} when the request was
     * answered already or no request was recorded for it (counted as {@code orphaned.bridge}).
     */
    public void prepareReply(Exchange exchange) throws Exception {
        String requestId = exchange.getProperty(REQUEST_ID, String.class);
        BridgeRequestStore.Request request = requestId == null ? null : store.find(requestId);
        Message message = exchange.getMessage();
        String admitted = exchange.getProperty(ADMITTED, String.class);
        if (request == null || (admitted != null && !admitted.equals(Long.toString(request.receivedAt())))) {
            exchange.setProperty(SKIP, true);
            hub(exchange).counters().increment("orphaned.bridge");
            LOG.warn("Outcome of run {} answers no recorded bridge request ({}{}): not sent anywhere",
                    message.getHeader(LangGraphConstants.RUN_ID), requestId, request == null ? "" : ", an expired admission");
            return;
        }
        String resend = exchange.getProperty(RESEND, String.class);
        if (request.replied() && resend == null) {
            exchange.setProperty(SKIP, true);
            LOG.info("Request {} was answered already: run {} sends no second reply", requestId,
                    message.getHeader(LangGraphConstants.RUN_ID));
            return;
        }
        if (request.replyTo() == null) {
            exchange.setProperty(SKIP, true);
            LOG.info("Request {} named no reply destination: its outcome is not sent", requestId);
            store.markReplied(requestId, message.getHeader(LangGraphConstants.RUN_ID, String.class), null, null);
            return;
        }
        exchange.setProperty(SKIP, false);
        if (resend != null) {
            // nothing of the duplicate goes out (its offset's commit handle stays for the route); the first reply does
            message.removeHeaders("*", KafkaConstants.MANUAL_COMMIT);
            message.setBody(request.replyBody());
            MAPPER.readTree(request.replyHeaders()).properties().forEach(h -> message.setHeader(h.getKey(),
                    h.getValue().isTextual() ? h.getValue().asText() : MAPPER.convertValue(h.getValue(), Object.class)));
        }
        // nothing of the request's own JMS headers (its JMSReplyTo above all) goes out with the reply
        message.removeHeaders("JMS*");
        message.removeHeader(LangGraphConstants.METADATA);
        message.setHeader("JMSCorrelationID", request.correlationId());
        exchange.setProperty(REPLY_TO, request.replyTo());
        exchange.setProperty(BRIDGE, request.bridge());
        exchange.setProperty(CORRELATION, request.correlationId());
        if ("jms".equals(request.bridge())) {
            // the destination by name, never in the endpoint's URI: a client's name may hold ':', '?' or '&'
            int colon = request.replyTo().indexOf(':');
            exchange.setProperty(REPLY_KIND, request.replyTo().substring(0, colon));
            message.setHeader(JmsConstants.JMS_DESTINATION_NAME, request.replyTo().substring(colon + 1));
        }
        // a reply sent again after a crash (sent, not yet marked) is dropped by the broker's duplicate detection; a
        // reply sent again for a duplicate request has an id of its own, per message of the duplicate
        String replyKey = "langgraph-reply:" + requestId + "@" + request.receivedAt();
        exchange.setProperty(REPLY_KEY, replyKey);
        message.setHeader(DeadLetters.DUPLICATE_ID, resend != null ? replyKey + ":" + resend : replyKey);
    }

    /**
     * The reply is about to go out (not for a duplicate's resend): kept with its request first, so a duplicate that
     * arrives from now on gets it again even before the reply is marked sent.
     */
    public void keepReply(Exchange exchange) throws JsonProcessingException {
        if (exchange.getProperty(RESEND) == null) {
            store.keepReply(exchange.getProperty(REQUEST_ID, String.class), exchange.getMessage().getBody(String.class),
                    keptHeaders(exchange.getMessage()));
        }
    }

    /** The reply went out: marked answered with the reply as sent, so a further outcome of the request is not sent. */
    public void replied(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        store.markReplied(exchange.getProperty(REQUEST_ID, String.class), message.getHeader(LangGraphConstants.RUN_ID, String.class),
                message.getBody(String.class), keptHeaders(message));
    }

    /**
     * A reply the request's own route sends (an error reply, a duplicate's first reply again) could not be delivered,
     * retried already: the request is a dead letter with the reason (on the operator page, {@link BridgeRequestStore#failed}),
     * counted ({@code bridge.reply.failed}) and logged at a limited rate; the request is then acknowledged (its offset
     * committed), so it is not tried forever and nothing behind it waits. A duplicate of it still gets the reply.
     */
    public void replyFailed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = Redaction.maskUrl(cause == null ? "unknown" : String.valueOf(cause.getMessage()));
        String requestId = exchange.getProperty(REQUEST_ID, String.class);
        boolean dead = requestId != null && store.markFailed(requestId, reason);
        hub(exchange).counters().increment("bridge.reply.failed");
        FAILED_LOG.warn(LOG, "reply failed", "Reply to request {} could not be delivered{}: {}", requestId,
                dead ? " (a dead letter now)" : "", reason);
    }

    /** The reply's run headers as JSON, as they are sent again to a duplicate: never a handle or a secret. */
    private static String keptHeaders(Message message) throws JsonProcessingException {
        ObjectNode headers = MAPPER.createObjectNode();
        for (Map.Entry<String, Object> h : message.getHeaders().entrySet()) {
            Object value = h.getValue();
            if (h.getKey().startsWith("CamelLangGraph") && !NOT_KEPT.contains(h.getKey()) && !Redaction.isSecretName(h.getKey())
                    && (value instanceof String || value instanceof Number || value instanceof Boolean)) {
                headers.set(h.getKey(), MAPPER.valueToTree(value));
            }
        }
        return MAPPER.writeValueAsString(headers);
    }

    private static CallbackHub hub(Exchange exchange) {
        try {
            return exchange.getContext().getComponent("langgraph", LangGraphComponent.class).callbackHub();
        } catch (Exception e) {
            throw new IllegalStateException("the langgraph component's callback path is not available: " + e.getMessage(), e);
        }
    }
}
