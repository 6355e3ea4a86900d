package io.camellanggraph.resume;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.CallbackDelivery;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.Run;
import io.camellanggraph.store.AwaitingInterrupt;
import io.camellanggraph.store.AwaitingStore;
import io.camellanggraph.store.Decision;
import io.camellanggraph.store.DecisionStore;
import io.camellanggraph.store.InboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the interrupts whose resume timeout has passed: each is taken by one instance (a leased, conditional
 * update, so once in a cluster, and again after a restart when its taker died before finishing) and handled as its
 * callback's {@code onExpiry} says: {@code resume} answers it with the configured answer, {@code cancel} closes it
 * (no answer is taken any more, nothing is routed), {@code route} hands its outcome to the callback's route again, with
 * status {@code expired} and the idempotency key {@code expired:<thread>:<interrupt>}. {@code cancel} and {@code route}
 * first settle the interrupt with a decision of their own ({@link DecisionStore#cancel}): an answer racing them is
 * either recorded first (the expiry closes quietly) or refused as expired, never both.
 */
final class InterruptExpiry implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(InterruptExpiry.class);

    private final InterruptResumer resumer;
    private final CallbackHub hub;
    private final AwaitingStore awaiting;
    private final DecisionStore decisions;
    private final long leaseMillis;
    private final LangGraphClient client;
    private final ObjectMapper mapper;

    InterruptExpiry(InterruptResumer resumer, CallbackHub hub, AwaitingStore awaiting, DecisionStore decisions, long leaseMillis) {
        this.resumer = resumer;
        this.hub = hub;
        this.awaiting = awaiting;
        this.decisions = decisions;
        this.leaseMillis = leaseMillis;
        this.client = hub.client();
        this.mapper = client.mapper();
    }

    @Override
    public void run() {
        try {
            long now = System.currentTimeMillis();
            for (AwaitingInterrupt a : awaiting.due(now, 100)) {
                if (awaiting.take(a.key(), now, now + leaseMillis)) {
                    expire(a);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Expiry pass failed, the next one retries: {}", e.getMessage());
        }
    }

    private void expire(AwaitingInterrupt a) {
        Decision earlier = decisions.find(a.threadId(), a.interruptId());
        // a cancelled decision is the expiry's own: an earlier pass settled it and its route failed, so it is routed again
        if (earlier != null && !Decision.CANCELLED.equals(earlier.state())) {
            awaiting.close(a.key(), AwaitingInterrupt.ANSWERED);
            return;
        }
        try {
            switch (a.onExpiry()) {
                case RESUME -> {
                    Decision d = resumer.answer(new ResumeHandle(a.threadId(), a.interruptId(), a.callback(), 0),
                            answerOf(a.expiryAnswer()), InterruptResumer.EXPIRY);
                    LOG.info("Interrupt {} of thread {} expired: resumed with the configured answer (run {})", a.interruptId(),
                            a.threadId(), d.runId());
                    awaiting.close(a.key(), AwaitingInterrupt.EXPIRED);
                }
                case CANCEL -> {
                    if (settled(a)) {
                        LOG.info("Interrupt {} of thread {} expired: cancelled, no answer is taken any more", a.interruptId(),
                                a.threadId());
                        awaiting.close(a.key(), AwaitingInterrupt.EXPIRED);
                    }
                }
                case ROUTE -> {
                    if (settled(a)) {
                        route(a);
                    }
                }
            }
        } catch (LangGraphResumeRefusedException e) {
            // answered or moved on meanwhile: nothing left to expire
            awaiting.close(a.key(), AwaitingInterrupt.GONE);
        } catch (Exception e) {
            // the lease runs out and the next pass (here or on another instance) takes it again; when the server refused
            // the resume run, the withdrawn answer left it waiting: leased again, so it is retried then, not at every pass
            long now = System.currentTimeMillis();
            awaiting.take(a.key(), now, now + leaseMillis);
            LOG.warn("Expiry of interrupt {} of thread {} not handled now: {}", a.interruptId(), a.threadId(), e.getMessage());
        }
    }

    /**
     * Settles the interrupt as expired with a cancelled decision (later answers are refused as expired); false when an
     * answer was recorded first, which then closes it.
     */
    private boolean settled(AwaitingInterrupt a) {
        if (decisions.cancel(new Decision(a.threadId(), a.interruptId(), a.callback(), "null", InterruptResumer.EXPIRY,
                System.currentTimeMillis(), UUID.randomUUID().toString(), Decision.CANCELLED, null, null))) {
            return true;
        }
        Decision first = decisions.find(a.threadId(), a.interruptId());
        if (first == null) {
            // an answer came and was withdrawn meanwhile: the interrupt waits again, or the lease runs out; a later pass looks
            return false;
        }
        if (Decision.CANCELLED.equals(first.state())) {
            return true;
        }
        awaiting.close(a.key(), AwaitingInterrupt.ANSWERED);
        return false;
    }

    /** The configured answer: JSON, or else taken as a text answer (like a decision's body). */
    private JsonNode answerOf(String configured) {
        try {
            return mapper.readTree(configured);
        } catch (java.io.IOException notJson) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(configured);
        }
    }

    /** The interrupted run, as the server has it, with status expired, to the callback's route. */
    private void route(AwaitingInterrupt a) {
        Run run = client.getRun(a.threadId(), a.runId());
        ObjectNode copy = run.json().deepCopy();
        copy.put("status", "expired");
        copy.remove("kwargs");
        JsonNode state = client.getThreadState(a.threadId());
        copy.set("values", state.path("values"));
        ObjectNode expired = copy.putObject("expired_interrupt").put("id", a.interruptId());
        try {
            expired.set("value", mapper.readTree(a.value()));
        } catch (java.io.IOException e) {
            expired.put("value", a.value());
        }
        String body = copy.toString();
        InboxEntry entry = new InboxEntry("expired:" + a.key(), a.callback(), run.metadata(CallbackHub.CORRELATION_METADATA),
                "expiry", body, System.currentTimeMillis());
        boolean handed = hub.deliver(a.callback(), new CallbackDelivery(entry, Run.of(copy), body, false, null), failure -> {
            if (failure == null) {
                awaiting.close(a.key(), AwaitingInterrupt.EXPIRED);
            } else {
                LOG.warn("Route of the expired interrupt {} of thread {} failed, retried: {}", a.interruptId(), a.threadId(),
                        failure.getMessage());
            }
        });
        if (!handed) {
            LOG.info("No route consumes callback '{}' here: expiry of interrupt {} retried", a.callback(), a.interruptId());
        }
    }
}
