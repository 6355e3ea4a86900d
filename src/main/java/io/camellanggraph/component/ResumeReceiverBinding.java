package io.camellanggraph.component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.camellanggraph.callback.CallbackDelivery;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.resume.InterruptHandleDecorator;
import io.camellanggraph.resume.InterruptResumer;
import io.camellanggraph.resume.ResumeHandleSigner;
import io.camellanggraph.resume.ResumePage;
import io.camellanggraph.resume.ExpiryPolicy;
import io.camellanggraph.store.AwaitingInterrupt;
import io.camellanggraph.store.AwaitingStore;
import io.camellanggraph.store.DecisionStore;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.StoreException;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The component's human-in-the-loop parts: the resume URL on platform-http (bound with the webhook receiver, answering
 * 503 until the callback path runs), the {@link InterruptResumer} started with the callback path, and the handles put on
 * interrupted outcomes.
 */
final class ResumeReceiverBinding {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResumeReceiverBinding.class);

    private final ReceiverBinding page;
    private volatile InterruptResumer resumer;
    private volatile InterruptHandleDecorator handles;

    ResumeReceiverBinding(CamelContext context, String resumePath, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.page = new ReceiverBinding(context, resumePath, new ResumePage(() -> resumer, resumePath, mapper));
    }

    void bind() throws Exception {
        page.bind();
    }

    /** With the callback path: the decisions in the same database, the handles keyed from the same secret. */
    /** {@code background}: the pool that runs the resumer's recovery and the interrupts' expiry (both call the server). */
    void start(CallbackHub hub, JdbcCallbackStore store, byte[] secret, String resumeUrl, ScheduledExecutorService background,
               long leaseMillis) throws Exception {
        ResumeHandleSigner keys = new ResumeHandleSigner(secret);
        handles = new InterruptHandleDecorator(keys, resumeUrl);
        InterruptResumer created = new InterruptResumer(hub, new DecisionStore(store.dataSource()),
                new AwaitingStore(store.dataSource()), keys, background, leaseMillis);
        ServiceHelper.startService(created);
        resumer = created;
        page.bind();
    }

    void stop() {
        ServiceHelper.stopService(resumer);
        resumer = null;
    }

    /** The resumer, or null while the callback path is not running. */
    InterruptResumer current() {
        return resumer;
    }

    InterruptResumer resumer() {
        if (resumer == null) {
            throw new IllegalStateException("langgraph: the callback path has not started");
        }
        return resumer;
    }

    /**
     * Each pending interrupt of an outcome gains its handle and URL (exactly one also the single-interrupt headers) and
     * is recorded as awaiting input, with its expiry; the thread's interrupts not pending any more are closed.
     */
    void decorate(Message message, CallbackDelivery delivery, ExpiryPolicy policy) {
        if ("expiry".equals(delivery.entry().source())) {
            // an expired interrupt routed again is another outcome than the interrupted one: outputs keep both
            message.setHeader(LangGraphConstants.IDEMPOTENCY_KEY, delivery.entry().dedupKey());
        }
        JsonNode interrupts = delivery.interrupts();
        InterruptResumer current = resumer;
        String threadId = delivery.run().threadId();
        if (interrupts == null || current == null || threadId == null) {
            return;
        }
        long expiresAt = policy.expiresAt(delivery.entry().receivedAt());
        ArrayNode decorated = handles.decorate(interrupts, threadId, delivery.entry().callback(), expiresAt);
        message.setHeader(LangGraphConstants.INTERRUPTS, decorated.toString());
        List<String> pending = new ArrayList<>();
        try {
            for (JsonNode item : decorated) {
                if (item.has("resume_handle")) {
                    pending.add(item.path("id").asText());
                    current.awaiting().add(new AwaitingInterrupt(threadId, item.path("id").asText(), delivery.entry().callback(),
                            delivery.run().runId(), item.path("value").toString(), delivery.entry().receivedAt(), expiresAt,
                            policy.onExpiry(), policy.answer(), AwaitingInterrupt.WAITING));
                }
            }
            current.awaiting().supersede(threadId, pending);
        } catch (StoreException e) {
            // the handles work without the row (they are stateless); only its expiry and the operator's list miss it
            LOG.warn("Interrupts of run {} not recorded as awaiting input (no expiry, not on the operator page): {}",
                    delivery.run().runId(), e.getMessage());
        }
        if (pending.size() == 1) {
            for (JsonNode item : decorated) {
                if (item.has("resume_handle")) {
                    message.setHeader(LangGraphConstants.RESUME_HANDLE, item.path("resume_handle").asText());
                    message.setHeader(LangGraphConstants.RESUME_URL, item.path("resume_url").asText());
                }
            }
        }
    }
}
