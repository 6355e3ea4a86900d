package io.camellanggraph.callback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.InboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine between a recorded claim and its routed outcome. A pending inbox row is claimed in the store
 * (with a lease, so of several instances sharing the store one takes it, and a survivor takes it over when the
 * holder dies), held once per key in this JVM, confirmed with the server, then either dispatched, refused (dropped
 * from the inbox and kept as an unconfirmed claim, never routed), or re-checked later, still claimed, when its run
 * has not ended or the server could not be asked. A further claim for a row that waits for its re-check (the real
 * doorbell after an early or forged one) checks it at once. A routed row is never claimed again; an outcome handed
 * over whose mark the store refused keeps its key here until the mark is written.
 *
 * <p>Longer than 300 lines on purpose: it is the claim's state machine, and its transitions (claim, refuse, re-check,
 * rekey, hand over, retry a mark) read together in one place; the stages around it (receive, confirm, dispatch) are
 * classes of their own.
 */
public final class ClaimPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimPipeline.class);
    /** A claim naming no run that no pending run or cron resolves is refused after this many checks (minutes). */
    static final int MAX_UNRESOLVED_CHECKS = 10;
    /** How long, and for how many runs, "the server has no such run" is answered without asking again. */
    static final long REFUSAL_TTL_MILLIS = 60_000;
    static final int REFUSALS_KEPT = 10_000;
    /**
     * Keys a hub's pipeline holds at most (queued, being checked, or waiting for a re-check); further claims wait in the inbox.
     * Without a bound, a flood while the server is unreachable would park every claim here, each with a timer and a
     * lease renewed by the store every few seconds, at the rescan's pace of a thousand a second.
     */
    static final int MAX_HELD = 5_000;

    private final CallbackStore store;
    private final ClaimConfirmer confirmer;
    private final OutcomeSink sink;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final CallbackCounters counters;
    private final ObjectMapper mapper;
    private final long maxRecheckMillis;
    /** This instance's name in the store's claims, and how long a claim holds without renewal. */
    private final String owner;
    private final long leaseMillis;
    /** Runs the cron sweep of a callback whose claim names no run; false when the callback has no cron. */
    private final Predicate<String> cronSweep;
    /** Keys taken by this JVM: being confirmed or dispatched, or waiting for a re-check. */
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicBoolean backlog = new AtomicBoolean();
    /** Slots handed to the executor and not started yet; at most {@code queueCapacity}. */
    private final AtomicInteger queued = new AtomicInteger();
    private final int queueCapacity;
    private final int maxHeld;
    private final ClaimRefusals refusals;
    /** A store or server failure repeats for every claim in flight: logged a few times a minute, not per claim. */
    private final LogLimiter logs = new LogLimiter(ClaimRefusals.PER_MINUTE);
    private final RefusalCache refusedRuns = new RefusalCache(REFUSALS_KEPT, REFUSAL_TTL_MILLIS, System::currentTimeMillis);
    private final FloodGuard floodGuard;

    /**
     * @param floodGuard how many claims from senders are checked a second during a flood of claims the server refuses
     * @param refusals   where a claim the server did not confirm ends
     */
    ClaimPipeline(CallbackStore store, ClaimConfirmer confirmer, OutcomeSink sink, Executor executor,
                  ScheduledExecutorService timer, CallbackCounters counters, ObjectMapper mapper, long maxRecheckMillis,
                  Predicate<String> cronSweep, String owner, long leaseMillis, int queueCapacity, int maxHeld,
                  FloodGuard floodGuard, ClaimRefusals refusals) {
        this.floodGuard = floodGuard;
        this.refusals = refusals;
        this.queueCapacity = queueCapacity;
        this.maxHeld = maxHeld;
        this.owner = owner;
        this.leaseMillis = leaseMillis;
        this.store = store;
        this.confirmer = confirmer;
        this.sink = sink;
        this.executor = executor;
        this.timer = timer;
        this.counters = counters;
        this.mapper = mapper;
        this.maxRecheckMillis = maxRecheckMillis;
        this.cronSweep = cronSweep;
    }

    /**
     * A claim just recorded (fresh) or found pending in the inbox (restart, consumer start, replay). Returns false when
     * the dispatch threads are saturated: the claim stays pending in the inbox, and {@link #hasBacklog()} says so.
     */
    public boolean submit(InboxEntry entry, boolean fresh) {
        if (fresh) {
            floodGuard.received();
        }
        boolean held = slots.containsKey(entry.dedupKey());
        FloodGuard.Admission admission = held ? FloodGuard.Admission.FREE
                : room() <= 0 ? FloodGuard.Admission.WAIT : floodGuard.admit();
        if (admission == FloodGuard.Admission.WAIT) {
            // saturated, or a flood of forged claims: the row waits in the inbox, at the cost of a flag, not of a
            // refused task or of a GET the server answers with "no such run" yet again
            deferred();
            backlog.set(true);
            return false;
        }
        Slot slot = take(entry.dedupKey(), entry, fresh, true);
        if (slot == null) {
            return true;
        }
        slot.checkTaken = admission == FloodGuard.Admission.CHECK;
        return execute(slot, false);
    }

    private void deferred() {
        if (floodGuard.isFlood()) {
            counters.increment("deferred.flood");
        }
        if (floodGuard.takeBegan()) {
            LOG.warn("A flood of claims the server refuses or cannot be asked about: claims from senders are checked at"
                    + " most {} a second until they arrive slower, the rest wait in the inbox (counter deferred.flood)",
                    floodGuard.checksPerSecond());
        }
    }

    /**
     * A claim the server itself gave, asked with the API key (a run this app started, or a cron's run, found ended by
     * polling): it is taken even when a flood of claims keeps the queue full, where a claim from a sender waits for a
     * place that the next forged claim may take first. It still waits behind the claims queued already (at most the
     * queue's length). Its numbers are bounded by the polling pass, not by senders.
     */
    public boolean submitFromServer(InboxEntry entry, boolean fresh) {
        Slot slot = take(entry.dedupKey(), entry, fresh, false);
        return slot == null || execute(slot, true);
    }

    /**
     * Whether claims were left in the inbox because the dispatch threads were saturated since the last call (it resets
     * the flag): the caller rescans the inbox for them. This keeps the receiving threads from running confirmations.
     */
    public boolean hasBacklog() {
        return backlog.getAndSet(false);
    }

    /** Another claim for a key that is recorded already: if it waits for a re-check, the check happens now. */
    public void nudge(String key) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return;
        }
        synchronized (slot) {
            if (slot.running) {
                slot.again = true;
                return;
            }
            if (slot.recheck == null || !slot.recheck.cancel(false)) {
                // its re-check is firing right now and takes it
                return;
            }
            slot.recheck = null;
            slot.running = true;
        }
        execute(slot);
    }

    /** Claims wait in the inbox for a rescan (the dispatch threads had no room for one). */
    public void markBacklog() {
        backlog.set(true);
    }

    /** How many more claims this JVM takes now (dispatch queue and keys held): what a rescan reads at most. */
    public int room() {
        return Math.min(Math.min(queueCapacity - queued.get(), maxHeld - slots.size()), floodGuard.room());
    }

    /** Number of keys this JVM holds (in flight or waiting for a re-check). */
    public int inFlight() {
        return slots.size();
    }

    private Slot take(String key, InboxEntry entry, boolean fresh, boolean fromSender) {
        Slot created = new Slot(entry, fresh, fromSender);
        Slot existing = slots.putIfAbsent(key, created);
        if (existing == null) {
            return created;
        }
        nudge(key);
        return null;
    }

    private boolean execute(Slot slot) {
        return execute(slot, false);
    }

    private boolean execute(Slot slot, boolean fromServer) {
        // counted here rather than left to the executor's refusal: a refused task costs an exception per claim, and
        // under a flood that is every claim. The executor's own queue is twice as long: room for the server's claims
        if (queued.incrementAndGet() > queueCapacity && !fromServer) {
            queued.decrementAndGet();
            return leaveInInbox(slot);
        }
        try {
            executor.execute(() -> {
                queued.decrementAndGet();
                process(slot);
            });
            return true;
        } catch (RejectedExecutionException saturatedOrStopping) {
            queued.decrementAndGet();
            return leaveInInbox(slot);
        }
    }

    /** The row stays pending in the inbox: taken again by the next rescan (or the next start). */
    private boolean leaveInInbox(Slot slot) {
        slots.remove(slot.entry.dedupKey(), slot);
        backlog.set(true);
        return false;
    }

    private void process(Slot slot) {
        InboxEntry entry = slot.entry;
        if (!slot.started) {
            if (slot.fromSender && !slot.checkTaken && floodGuard.admit() == FloodGuard.Admission.WAIT) {
                // queued before a flood began: back to the inbox (not claimed yet), checked when the flood is over
                deferred();
                leaveInInbox(slot);
                return;
            }
            slot.started = true;
        }
        if (slot.mark != null) {
            // handed over already: only its mark is left to write
            settle(slot, slot.mark);
            return;
        }
        try {
            long now = System.currentTimeMillis();
            if (!store.claim(entry.dedupKey(), owner, now + leaseMillis, now)) {
                // routed, failed or dropped meanwhile, or another live instance holds it: nothing to do here
                release(slot);
                return;
            }
            Claim claim = Claim.of(entry, InboxBodies.read(mapper, entry.body()), store.pendingRun(entry.correlationId()));
            if (claim.runId() == null) {
                unresolved(slot, claim);
                return;
            }
            if (claim.needsRekey()) {
                rekey(slot, claim);
                return;
            }
            Verdict verdict = refusedRuns.get(claim);
            if (verdict == null) {
                long started = System.currentTimeMillis();
                verdict = confirmer.confirm(claim);
                counters.confirmed(claim.key(), System.currentTimeMillis() - started);
                refusedRuns.offer(claim, verdict);
            } else {
                counters.increment("unconfirmed.cached");
            }
            // a claim the server cannot be asked about now fails the same way for every claim of a flood
            floodGuard.checked(verdict instanceof Verdict.Refused || verdict instanceof Verdict.Unreachable);
            if (verdict instanceof Verdict.Confirmed confirmed) {
                dispatch(slot, claim, confirmed);
            } else if (verdict instanceof Verdict.Refused refused) {
                refusals.refuse(claim, refused.reason(), refused.detail());
                store.dropPending(claim.key());
                release(slot);
            } else if (verdict instanceof Verdict.NotYet notYet) {
                recheck(slot, "run " + claim.runId() + " is " + notYet.status());
            } else if (verdict instanceof Verdict.Unreachable unreachable) {
                recheck(slot, unreachable.detail());
            }
        } catch (RuntimeException e) {
            // the store or the server failed in an unexpected way: the row stays pending and is checked again
            logs.warn(LOG, "claims not processed now", "Claim {} not processed now, checked again later: {}", entry.dedupKey(),
                    Redaction.maskUrl(e.toString()));
            recheck(slot, e.toString());
        }
    }

    private void dispatch(Slot slot, Claim claim, Verdict.Confirmed confirmed) {
        if (confirmed.claimedOtherStatus()) {
            refusals.refuse(claim, Verdict.Reason.STATUS_MISMATCH, "claimed " + claim.claimedStatus() + ", the server says "
                    + confirmed.run().status() + " (the server's outcome is routed)");
        }
        counters.increment("confirmed");
        sink.dispatch(claim, confirmed, slot.fresh, mark -> settle(slot, mark));
    }

    /** The outcome's mark in the store; refused (a full disk, the database away), it is tried again, the key still held. */
    private void settle(Slot slot, Runnable mark) {
        try {
            mark.run();
            slot.mark = null;
            release(slot);
        } catch (RuntimeException e) {
            slot.mark = mark;
            logs.warn(LOG, "marks not committed", "Outcome of {} handed over, its mark not committed yet, tried again: {}",
                    slot.entry.dedupKey(), e.getMessage());
            recheck(slot, "mark not committed: " + e.getMessage());
        }
    }

    /** A claim that named no run: a cron's runs are swept, anything else waits for its pending run to be known. */
    private void unresolved(Slot slot, Claim claim) {
        if (cronSweep.test(claim.callback())) {
            store.dropPending(claim.key());
            release(slot);
        } else if (slot.attempts >= MAX_UNRESOLVED_CHECKS) {
            refusals.refuse(claim, Verdict.Reason.UNKNOWN_RUN, "no run known for correlation id " + claim.correlationId());
            store.dropPending(claim.key());
            release(slot);
        } else {
            recheck(slot, "run of correlation id " + claim.correlationId() + " not known yet");
        }
    }

    /** The row's run is known now: it moves to the run's own key, where claims of that run meet. */
    private void rekey(Slot slot, Claim claim) {
        InboxEntry entry = claim.entry();
        InboxEntry moved = new InboxEntry(Claim.key(claim.runId(), claim.correlationId()), entry.callback(),
                entry.correlationId(), entry.source(), entry.body(), entry.receivedAt());
        boolean recorded = store.record(moved);
        store.dropPending(entry.dedupKey());
        release(slot);
        if (recorded) {
            submit(moved, slot.fresh);
        } else {
            nudge(moved.dedupKey());
        }
    }

    private void recheck(Slot slot, String why) {
        counters.increment("recheck");
        synchronized (slot) {
            slot.running = false;
            if (slot.again) {
                // a further claim came while this one was checked: check again now, it may be the real doorbell
                slot.again = false;
                slot.running = true;
            } else {
                long delay = Math.min(maxRecheckMillis, 1000L << Math.min(slot.attempts, 16));
                slot.attempts++;
                LOG.debug("Claim {} checked again in {} ms: {}", slot.entry.dedupKey(), delay, why);
                try {
                    slot.recheck = timer.schedule(() -> fire(slot), delay, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    slots.remove(slot.entry.dedupKey(), slot);
                }
                return;
            }
        }
        execute(slot);
    }

    /** The re-check's time has come (unless a nudge took the slot first). */
    private void fire(Slot slot) {
        synchronized (slot) {
            if (slot.running) {
                return;
            }
            slot.recheck = null;
            slot.running = true;
        }
        execute(slot);
    }

    private void release(Slot slot) {
        slots.remove(slot.entry.dedupKey(), slot);
    }

    /** A key taken by this JVM. Guarded by its own monitor. */
    private static final class Slot {
        final InboxEntry entry;
        final boolean fresh;
        /** Posted by a sender (not given by the server when polled): its first check counts against a flood's. */
        final boolean fromSender;
        /** Admitted during a flood with one of its checks. */
        boolean checkTaken;
        /** Past its first check's admission: the row may be claimed by this instance from here on. */
        boolean started;
        boolean running = true;
        boolean again;
        int attempts;
        ScheduledFuture<?> recheck;
        /** The store write settling an outcome already handed over, while the store refuses it; else null. */
        volatile Runnable mark;

        Slot(InboxEntry entry, boolean fresh, boolean fromSender) {
            this.entry = entry;
            this.fresh = fresh;
            this.fromSender = fromSender;
        }
    }
}
