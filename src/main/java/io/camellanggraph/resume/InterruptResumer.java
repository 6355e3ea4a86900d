package io.camellanggraph.resume;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.client.LangGraphApiException;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.LangGraphNotFoundException;
import io.camellanggraph.client.LangGraphUnreachableException;
import io.camellanggraph.client.Run;
import io.camellanggraph.store.AwaitingInterrupt;
import io.camellanggraph.store.AwaitingStore;
import io.camellanggraph.store.Decision;
import io.camellanggraph.store.DecisionStore;
import io.camellanggraph.store.PendingRun;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers pending interrupts, once each. An answer is checked (handle, still pending on the server), recorded
 * durably ({@link DecisionStore}: the insert refuses a second answer on any instance), and only then is the resume run
 * started: {@code command.resume} keyed by the interrupt id, with a webhook to the same callback, so its outcome is
 * routed like any other. The resume run's correlation id is in the decision before the run exists and in the run's
 * metadata, so a decision left {@code starting} by a dead instance is finished by the next recovery pass: the run is
 * looked up by that id on the server, and started only when it is not there. A resume run the server refuses (4xx)
 * withdraws the decision: the interrupt waits again and may be answered again.
 */
public final class InterruptResumer extends ServiceSupport {

    /** Metadata key on a resume run naming the interrupt it answers. */
    public static final String RESUME_METADATA = "camel_langgraph_resumes";

    /** Who answered when an expiry resumes with the configured answer. */
    static final String EXPIRY = "expiry";

    private static final Logger LOG = LoggerFactory.getLogger(InterruptResumer.class);

    private final CallbackHub hub;
    private final LangGraphClient client;
    private final DecisionStore decisions;
    private final AwaitingStore awaiting;
    private final InterruptExpiry expiry;
    private final ResumeHandleSigner handles;
    private final ScheduledExecutorService timer;
    private final long leaseMillis;
    private final ObjectMapper mapper;
    private final String owner = "resume-" + UUID.randomUUID();
    private ScheduledFuture<?> recovery;
    private ScheduledFuture<?> expiries;

    public InterruptResumer(CallbackHub hub, DecisionStore decisions, AwaitingStore awaiting, ResumeHandleSigner handles,
                            ScheduledExecutorService timer, long leaseMillis) {
        this.hub = hub;
        this.client = hub.client();
        this.mapper = client.mapper();
        this.decisions = decisions;
        this.awaiting = awaiting;
        this.expiry = new InterruptExpiry(this, hub, awaiting, decisions, leaseMillis);
        this.handles = handles;
        this.timer = timer;
        this.leaseMillis = leaseMillis;
    }

    @Override
    protected void doStart() {
        // at once (decisions a crashed process left between recorded and started), then at every half lease
        recovery = timer.scheduleWithFixedDelay(this::recover, 0, Math.max(500, leaseMillis / 2), TimeUnit.MILLISECONDS);
        // expiries are due to the second; a pass is one indexed query when nothing is due
        expiries = timer.scheduleWithFixedDelay(expiry, 1000, 1000, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (recovery != null) {
            recovery.cancel(false);
            expiries.cancel(false);
        }
    }

    /** The interrupts waiting for a person (operator page; the consumers add those they route). */
    public AwaitingStore awaiting() {
        return awaiting;
    }

    /** The handle's content when it is genuine and not expired; refused otherwise. */
    public ResumeHandle check(String handle) {
        ResumeHandle verified = handles.verify(handle);
        if (verified == null) {
            throw new LangGraphResumeRefusedException(LangGraphResumeRefusedException.Reason.INVALID_HANDLE, "invalid resume handle");
        }
        if (verified.isExpired(System.currentTimeMillis())) {
            throw new LangGraphResumeRefusedException(LangGraphResumeRefusedException.Reason.EXPIRED, "the resume handle of"
                    + " interrupt " + verified.interruptId() + " expired");
        }
        return verified;
    }

    /** The pending interrupt ({@code {id, value}}) the handle names, or null when the thread no longer waits at it. */
    public JsonNode pending(ResumeHandle handle) {
        try {
            return PendingInterrupts.find(client.getThreadState(handle.threadId()), handle.interruptId());
        } catch (LangGraphNotFoundException gone) {
            return null;
        }
    }

    public Decision decision(ResumeHandle handle) {
        return decisions.find(handle.threadId(), handle.interruptId());
    }

    /**
     * Answers the interrupt and starts its resume run; returns the decision with the run's id.
     *
     * @throws LangGraphInterruptAlreadyAnsweredException a decision exists for it already
     * @throws LangGraphResumeRefusedException            the thread no longer waits at it
     */
    public Decision answer(ResumeHandle handle, JsonNode answer, String resumedBy) {
        return answer(handle, answer, resumedBy, null);
    }

    /**
     * Same, with more of the resume run's command: {@code update} (state to write) and {@code goto} (node to go to) are
     * taken from {@code command}; anything else in it is refused.
     */
    public Decision answer(ResumeHandle handle, JsonNode answer, String resumedBy, JsonNode command) {
        if (command != null && !command.isNull()) {
            command.fieldNames().forEachRemaining(field -> {
                if (!"update".equals(field) && !"goto".equals(field)) {
                    throw new IllegalArgumentException("langgraph:resume: the command may add update and goto, not " + field
                            + " (resume is the answer)");
                }
            });
        }
        Decision earlier = decision(handle);
        if (earlier != null) {
            throw decided(handle, earlier);
        }
        AwaitingInterrupt waiting = awaiting.find(handle.threadId(), handle.interruptId());
        // the expiry holds for answers without a handle too (trusted routes); the expiry's own answer comes after it
        if (waiting != null && waiting.expiresAt() > 0 && System.currentTimeMillis() >= waiting.expiresAt()
                && !EXPIRY.equals(resumedBy)) {
            throw new LangGraphResumeRefusedException(LangGraphResumeRefusedException.Reason.EXPIRED, "interrupt "
                    + handle.interruptId() + " of thread " + handle.threadId() + " expired");
        }
        if (pending(handle) == null) {
            throw new LangGraphResumeRefusedException(LangGraphResumeRefusedException.Reason.NOT_PENDING, "thread "
                    + handle.threadId() + " no longer waits at interrupt " + handle.interruptId()
                    + " (answered elsewhere, or the thread moved on or was deleted)");
        }
        Decision recorded = new Decision(handle.threadId(), handle.interruptId(), handle.callback(), answer.toString(),
                resumedBy, System.currentTimeMillis(), UUID.randomUUID().toString(), Decision.STARTING, null,
                command == null || command.isNull() || command.isEmpty() ? null : command.toString());
        // the insert settles the interrupt: an expiry that settled it first (its own decision) wins over this answer
        if (!decisions.record(recorded, owner, System.currentTimeMillis() + leaseMillis)) {
            throw decided(handle, decision(handle));
        }
        awaiting.close(recorded.key(), AwaitingInterrupt.ANSWERED);
        return start(recorded);
    }

    /** The refusal of an answer to an interrupt that has a decision: expired (the expiry's own), or answered already. */
    private static LangGraphResumeRefusedException decided(ResumeHandle handle, Decision first) {
        if (first != null && Decision.CANCELLED.equals(first.state())) {
            return new LangGraphResumeRefusedException(LangGraphResumeRefusedException.Reason.EXPIRED, "interrupt "
                    + handle.interruptId() + " of thread " + handle.threadId() + " expired: no answer is taken any more");
        }
        return new LangGraphInterruptAlreadyAnsweredException(handle.threadId(), handle.interruptId(),
                first == null ? null : first.runId());
    }

    /** Starts the recorded decision's resume run and marks it started. */
    private Decision start(Decision d) {
        Run run;
        try {
            run = client.createRun(d.threadId(), request(d));
        } catch (LangGraphUnreachableException e) {
            // kept starting: recovery retries once the lease runs out
            throw e;
        } catch (LangGraphApiException e) {
            if (e.getStatusCode() >= 400 && e.getStatusCode() < 500) {
                // the server will not take this run (thread busy, gone): the decision is withdrawn, nothing started,
                // and the interrupt waits again (the operator page lists it, its expiry fires), to be answered again
                decisions.withdraw(d.key());
                awaiting.answerWithdrawn(d.key(), AwaitingInterrupt.WAITING);
            }
            throw e;
        }
        started(d, run);
        return new Decision(d.threadId(), d.interruptId(), d.callback(), d.answer(), d.resumedBy(), d.decidedAt(),
                d.correlationId(), Decision.STARTED, run.runId(), d.command());
    }

    private void started(Decision d, Run run) {
        hub.store().addPendingRun(new PendingRun(d.correlationId(), run.runId(), d.threadId(), d.callback(),
                System.currentTimeMillis(), run.assistantId()));
        decisions.markStarted(d.key(), run.runId());
        LOG.info("Interrupt {} of thread {} answered; resume run {} started", d.interruptId(), d.threadId(), run.runId());
    }

    private ObjectNode request(Decision d) {
        ObjectNode request = mapper.createObjectNode();
        // the assistant the thread last ran on: a resume continues the same graph
        List<Run> last = client.listRuns(d.threadId(), 1);
        if (last.isEmpty()) {
            throw new LangGraphResumeRefusedException(LangGraphResumeRefusedException.Reason.NOT_PENDING,
                    "thread " + d.threadId() + " has no run to resume");
        }
        request.put("assistant_id", last.get(0).assistantId());
        ObjectNode command = request.putObject("command");
        try {
            if (d.command() != null) {
                command.setAll((ObjectNode) mapper.readTree(d.command()));
            }
            command.putObject("resume").set(d.interruptId(), mapper.readTree(d.answer()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("recorded answer or command is not JSON", e);
        }
        request.put("webhook", hub.callbackUrl(d.callback(), d.correlationId()));
        request.putObject("metadata").put(CallbackHub.CORRELATION_METADATA, d.correlationId())
                .put(RESUME_METADATA, d.interruptId());
        // a second start of the same decision while the first run is in flight is refused by the server itself
        request.put("multitask_strategy", "reject");
        return request;
    }

    /** Finishes decisions left {@code starting} by an instance that died or failed between recording and starting. */
    void recover() {
        try {
            long now = System.currentTimeMillis();
            for (Decision d : decisions.abandoned(now, 100)) {
                if (decisions.takeOver(d.key(), owner, now, now + leaseMillis)) {
                    recover(d);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Recovery of recorded decisions failed, retried in {} ms: {}", leaseMillis / 2, e.getMessage());
        }
    }

    private void recover(Decision d) {
        Run existing = client.listRuns(d.threadId(), 100).stream()
                .filter(r -> d.correlationId().equals(r.metadata(CallbackHub.CORRELATION_METADATA))).findFirst().orElse(null);
        if (existing != null) {
            started(d, existing);
            return;
        }
        JsonNode state;
        try {
            state = client.getThreadState(d.threadId());
        } catch (LangGraphNotFoundException gone) {
            state = null;
        }
        if (PendingInterrupts.find(state, d.interruptId()) == null) {
            LOG.warn("Recorded answer to interrupt {} of thread {} withdrawn: the thread no longer waits at it",
                    d.interruptId(), d.threadId());
            decisions.withdraw(d.key());
            awaiting.answerWithdrawn(d.key(), AwaitingInterrupt.GONE);
            return;
        }
        try {
            start(d);
        } catch (RuntimeException e) {
            LOG.warn("Resume run for interrupt {} of thread {} not started: {}", d.interruptId(), d.threadId(), e.getMessage());
        }
    }
}
