package io.camellanggraph.callback;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.client.Run;
import io.camellanggraph.store.InboxEntry;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.PendingRun;
import io.camellanggraph.store.StoreException;
import io.camellanggraph.store.UnconfirmedClaim;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The claim state machine without a server: a scripted confirm stage, a dispatch stage that only marks, and the
 * real embedded store. Claim, confirm, refuse, re-check, route, and what concurrent claims for one run do.
 */
@Tag("fast")
class ClaimPipelineTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;
    private JdbcCallbackStore store;
    private ExecutorService executor;
    private ScheduledExecutorService timer;
    private final CallbackCounters counters = new CallbackCounters();
    /** The verdict the "server" gives per run id; a run with none is still running. */
    private final Map<String, Verdict> server = new ConcurrentHashMap<>();
    private final AtomicInteger confirmCalls = new AtomicInteger();
    /** How many marks the store refuses before it takes them again (a full disk). */
    private final AtomicInteger marksToRefuse = new AtomicInteger();
    private final List<String> dispatched = new CopyOnWriteArrayList<>();
    private final List<String> sweeps = new CopyOnWriteArrayList<>();
    private ClaimPipeline pipeline;

    @BeforeEach
    void start() {
        store = JdbcCallbackStore.open("jdbc:sqlite:" + dir.resolve("store.db"), null, null);
        executor = Executors.newFixedThreadPool(4);
        timer = Executors.newSingleThreadScheduledExecutor();
        pipeline = pipeline(50);
    }

    private ClaimPipeline pipeline(long maxRecheckMillis) {
        return pipeline(maxRecheckMillis, timer);
    }

    private ClaimPipeline pipeline(long maxRecheckMillis, ScheduledExecutorService timer) {
        return pipeline(maxRecheckMillis, timer, executor, 1_000, ClaimPipeline.MAX_HELD);
    }

    private ClaimPipeline pipeline(long maxRecheckMillis, ScheduledExecutorService timer, java.util.concurrent.Executor executor,
                                   int queueCapacity, int maxHeld) {
        return pipeline(maxRecheckMillis, timer, executor, queueCapacity, maxHeld,
                new FloodGuard(System::currentTimeMillis, 200, 20));
    }

    private ClaimPipeline pipeline(long maxRecheckMillis, ScheduledExecutorService timer, java.util.concurrent.Executor executor,
                                   int queueCapacity, int maxHeld, FloodGuard floodGuard) {
        ClaimConfirmer confirmer = claim -> {
            confirmCalls.incrementAndGet();
            return server.getOrDefault(claim.runId(), new Verdict.NotYet("running"));
        };
        OutcomeSink sink = (claim, outcome, fresh, settle) -> {
            dispatched.add(claim.runId() + ":" + outcome.run().status());
            settle.accept(() -> {
                if (marksToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new StoreException("callback store update failed: [SQLITE_FULL] (test)", null);
                }
                store.markRouted(claim.key(), claim.correlationId(), outcome.body());
            });
        };
        return new ClaimPipeline(store, confirmer, sink, executor, timer, counters, MAPPER, maxRecheckMillis,
                callback -> callback.startsWith("cron/") && sweeps.add(callback), "this-instance", 30_000, queueCapacity, maxHeld,
                floodGuard, new ClaimRefusals(store, counters));
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        timer.shutdownNow();
        store.close();
    }

    private static Verdict.Confirmed confirmed(String runId, String status) {
        ObjectNode run = MAPPER.createObjectNode().put("run_id", runId).put("thread_id", "t").put("status", status);
        return new Verdict.Confirmed(Run.of(run), run.toString(), false, null, false);
    }

    private InboxEntry claim(String runId, String cid, String status) {
        ObjectNode body = MAPPER.createObjectNode();
        if (runId != null) {
            body.put("run_id", runId).put("thread_id", "t");
        }
        if (status != null) {
            body.put("status", status);
        }
        InboxEntry entry = new InboxEntry(Claim.key(runId, cid), "cb", cid, "webhook", body.toString(), System.currentTimeMillis());
        assertThat(store.record(entry)).isTrue();
        return entry;
    }

    @Test
    void aFullDispatchQueueLeavesFurtherClaimsInTheInboxWithoutOfferingThemToTheThreads() {
        List<Runnable> handedOver = new CopyOnWriteArrayList<>();
        ClaimPipeline saturated = pipeline(50, timer, handedOver::add, 2, ClaimPipeline.MAX_HELD);
        server.put("r1", confirmed("r1", "success"));
        server.put("r2", confirmed("r2", "success"));
        List<InboxEntry> claims = List.of(claim("r1", "c1", "success"), claim("r2", "c2", "success"),
                claim("r3", "c3", "success"), claim("r4", "c4", "success"));

        List<Boolean> taken = claims.stream().map(entry -> saturated.submit(entry, true)).toList();

        assertThat(taken).containsExactly(true, true, false, false);
        assertThat(handedOver).as("only what the queue holds reaches the executor").hasSize(2);
        assertThat(saturated.room()).isZero();
        assertThat(saturated.hasBacklog()).as("a rescan takes the rest up").isTrue();
        assertThat(store.state(claims.get(2).dedupKey())).isEqualTo("pending");

        handedOver.forEach(Runnable::run);
        assertThat(saturated.room()).as("a started task frees its place").isEqualTo(2);
        assertThat(dispatched).containsExactlyInAnyOrder("r1:success", "r2:success");
    }

    @Test
    void theServersAnswerForARunOfThisAppPassesAQueueFullOfForgedClaims() {
        List<Runnable> handedOver = new CopyOnWriteArrayList<>();
        ClaimPipeline flooded = pipeline(50, timer, handedOver::add, 1, ClaimPipeline.MAX_HELD);
        ClaimIntake intake = new ClaimIntake(store, flooded, new ClaimRefusals(store, counters), counters, MAPPER);
        server.put("ours", confirmed("ours", "success"));
        assertThat(flooded.submit(claim("forged-1", "c0", "success"), true)).isTrue();
        // the real webhook of this app's run arrives during the flood: recorded, left in the inbox
        InboxEntry webhook = claim("ours", "c1", "success");
        assertThat(flooded.submit(webhook, true)).isFalse();
        ObjectNode polled = MAPPER.createObjectNode().put("run_id", "ours").put("thread_id", "t").put("status", "success");

        assertThat(intake.receive("cb", "c1", polled.deepCopy(), "webhook")).isEqualTo(ClaimIntake.Acceptance.DUPLICATE);
        assertThat(handedOver).as("a further webhook claim waits like the rest").hasSize(1);
        assertThat(intake.receive("cb", "c1", polled, ClaimIntake.POLL)).isEqualTo(ClaimIntake.Acceptance.DUPLICATE);
        assertThat(handedOver).as("the polled outcome is taken").hasSize(2);

        handedOver.forEach(Runnable::run);
        assertThat(store.state(webhook.dedupKey())).isEqualTo("routed");
        assertThat(dispatched).contains("ours:success");
    }

    @Test
    void duringAFloodOfRefusedClaimsSendersClaimsWaitInTheInboxAndArePastItCheckedWhileAPolledOutcomeGoesAhead() {
        AtomicLong clock = new AtomicLong(50_000);
        ClaimPipeline guarded = pipeline(50, timer, executor, 1_000, ClaimPipeline.MAX_HELD, new FloodGuard(clock::get, 10, 2));
        ClaimIntake intake = new ClaimIntake(store, guarded, new ClaimRefusals(store, counters), counters, MAPPER);
        for (int i = 0; i < 10; i++) {
            server.put("forged-" + i, new Verdict.Refused(Verdict.Reason.UNKNOWN_RUN, "no such run"));
            InboxEntry entry = claim("forged-" + i, "c" + i, "success");
            assertThat(guarded.submit(entry, true)).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> counters.get("unconfirmed.unknown-run") == 10);
        clock.addAndGet(1000);

        // the flood goes on: two claims of this second are checked, the others wait, recorded, in the inbox
        List<InboxEntry> during = new java.util.ArrayList<>();
        for (int i = 10; i < 20; i++) {
            server.put("forged-" + i, new Verdict.Refused(Verdict.Reason.UNKNOWN_RUN, "no such run"));
            during.add(claim("forged-" + i, "c" + i, "success"));
        }
        InboxEntry ours = claim("ours", "c-ours", "success");
        List<Boolean> taken = during.stream().map(entry -> guarded.submit(entry, true)).toList();
        assertThat(taken).containsExactly(true, true, false, false, false, false, false, false, false, false);
        assertThat(guarded.submit(ours, true)).isFalse();
        assertThat(guarded.hasBacklog()).isTrue();
        assertThat(guarded.room()).isZero();
        assertThat(counters.get("deferred.flood")).isEqualTo(9);
        await().atMost(Duration.ofSeconds(5)).until(() -> counters.get("unconfirmed.unknown-run") == 12);
        assertThat(during.subList(2, 10)).allSatisfy(entry -> assertThat(store.state(entry.dedupKey())).isEqualTo("pending"));

        // this app's own run, found by polling with the API key, is not held back by the flood
        server.put("ours", confirmed("ours", "success"));
        ObjectNode polled = MAPPER.createObjectNode().put("run_id", "ours").put("thread_id", "t").put("status", "success");
        assertThat(intake.receive("cb", "c-ours", polled, ClaimIntake.POLL)).isEqualTo(ClaimIntake.Acceptance.DUPLICATE);
        await().atMost(Duration.ofSeconds(5)).until(() -> "routed".equals(store.state(ours.dedupKey())));

        // claims arrive slowly again: the backlog is checked (as the hub's rescan hands it over)
        clock.addAndGet(2000);
        assertThat(guarded.room()).isPositive();
        store.unrouted(100).forEach(entry -> guarded.submit(entry, false));
        await().atMost(Duration.ofSeconds(5)).until(() -> counters.get("unconfirmed.unknown-run") == 20);
        assertThat(dispatched).containsExactly("ours:success");
    }

    @Test
    void claimsQueuedBeforeAFloodBeganNeedOneOfItsChecksTooAndTheRestGoBackToTheInbox() {
        AtomicLong clock = new AtomicLong(120_000);
        List<Runnable> handedOver = new CopyOnWriteArrayList<>();
        ClaimPipeline guarded = pipeline(50, timer, handedOver::add, 1_000, ClaimPipeline.MAX_HELD, new FloodGuard(clock::get, 10, 1));
        List<InboxEntry> claims = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            server.put("queued-" + i, new Verdict.Refused(Verdict.Reason.UNKNOWN_RUN, "no such run"));
            InboxEntry entry = claim("queued-" + i, "q" + i, "success");
            claims.add(entry);
            assertThat(guarded.submit(entry, true)).isTrue();
        }
        handedOver.subList(0, 10).forEach(Runnable::run);
        assertThat(counters.get("unconfirmed.unknown-run")).isEqualTo(10);
        clock.addAndGet(1000);

        // the flood began while two claims were still queued: one is checked with the second's one check
        handedOver.subList(10, 12).forEach(Runnable::run);
        assertThat(confirmCalls).hasValue(11);
        assertThat(store.state(claims.get(11).dedupKey())).as("not claimed: back in the inbox").isEqualTo("pending");
        assertThat(guarded.hasBacklog()).isTrue();
        assertThat(guarded.inFlight()).isZero();
        assertThat(counters.get("deferred.flood")).isEqualTo(1);
    }

    @Test
    void aBurstOfEarlyClaimsIsNoFloodButABurstWhileTheServerCannotBeAskedIs() {
        AtomicLong clock = new AtomicLong(80_000);
        // re-checks are not scheduled (a stopped timer): every check below is a claim's first
        ScheduledExecutorService stopped = Executors.newSingleThreadScheduledExecutor();
        stopped.shutdown();
        ClaimPipeline guarded = pipeline(60_000, stopped, executor, 1_000, ClaimPipeline.MAX_HELD, new FloodGuard(clock::get, 10, 2));
        // runs still running (no verdict scripted): early doorbells, checked again later, never a flood
        for (int i = 0; i < 10; i++) {
            guarded.submit(claim("early-" + i, "e" + i, "success"), true);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> confirmCalls.get() == 10);
        clock.addAndGet(1000);
        List<Boolean> next = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> guarded.submit(claim("early-next-" + i, "n" + i, "success"), true)).toList();
        assertThat(next).containsOnly(true);

        // the server cannot be asked: a second of claims that all fail makes the next one a flood
        for (int i = 0; i < 10; i++) {
            server.put("down-" + i, new Verdict.Unreachable("connection refused"));
            guarded.submit(claim("down-" + i, "d" + i, "success"), true);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> confirmCalls.get() == 25);
        clock.addAndGet(1000);
        List<Boolean> during = java.util.stream.IntStream.range(0, 4).mapToObj(i -> {
            server.put("later-" + i, new Verdict.Unreachable("connection refused"));
            return guarded.submit(claim("later-" + i, "l" + i, "success"), true);
        }).toList();
        assertThat(during).containsExactly(true, true, false, false);
        assertThat(counters.get("deferred.flood")).isEqualTo(2);
    }

    @Test
    void whileTheServerCannotBeAskedAtMostMaxHeldClaimsWaitHereAndTheRestWaitInTheInbox() {
        // a re-check a minute away: every claim checked once is parked here until then
        ClaimPipeline parked = pipeline(60_000, timer, executor, 1_000, 3);
        server.put("r1", new Verdict.Unreachable("connection refused"));
        server.put("r2", new Verdict.Unreachable("connection refused"));
        server.put("r3", new Verdict.Unreachable("connection refused"));
        for (int i = 1; i <= 3; i++) {
            assertThat(parked.submit(claim("r" + i, "c" + i, "success"), true)).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> confirmCalls.get() == 3);
        InboxEntry fourth = claim("r4", "c4", "success");

        assertThat(parked.submit(fourth, true)).as("no fourth key is held").isFalse();
        assertThat(parked.room()).isZero();
        assertThat(parked.hasBacklog()).isTrue();
        assertThat(store.state(fourth.dedupKey())).isEqualTo("pending");
        assertThat(confirmCalls).hasValue(3);
    }

    @Test
    void confirmedClaimIsDispatchedOnceAndMarkedRouted() {
        server.put("r1", confirmed("r1", "success"));
        InboxEntry entry = claim("r1", "c1", "success");

        pipeline.submit(entry, true);

        await().atMost(Duration.ofSeconds(5)).until(() -> "routed".equals(store.state(entry.dedupKey())));
        assertThat(dispatched).containsExactly("r1:success");
        await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.inFlight() == 0);
    }

    @Test
    void refusedClaimIsDroppedFromTheInboxKeptAsUnconfirmedAndNeverDispatched() {
        server.put("forged", new Verdict.Refused(Verdict.Reason.UNKNOWN_RUN, "no such run"));
        InboxEntry entry = claim("forged", "c1", "success");

        pipeline.submit(entry, true);

        await().atMost(Duration.ofSeconds(5)).until(() -> store.state(entry.dedupKey()) == null);
        assertThat(dispatched).isEmpty();
        assertThat(store.unconfirmed(10)).extracting(UnconfirmedClaim::reason, UnconfirmedClaim::runId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unknown-run", "forged"));
        assertThat(counters.get("unconfirmed.unknown-run")).isEqualTo(1);
    }

    @Test
    void aFloodOfClaimsForOneUnknownRunAsksTheServerOnceAndRefusesEveryOne() {
        server.put("forged", new Verdict.Refused(Verdict.Reason.UNKNOWN_RUN, "no such run"));
        for (int i = 0; i < 20; i++) {
            // one after the other, as a forger re-posting the same run id: each claim is recorded again once dropped
            InboxEntry entry = claim("forged", "c1", "success");
            pipeline.submit(entry, true);
            await().atMost(Duration.ofSeconds(5)).until(() -> store.state(entry.dedupKey()) == null);
        }
        assertThat(confirmCalls).as("the server is asked once, the refusal is remembered").hasValue(1);
        assertThat(counters.get("unconfirmed.unknown-run")).isEqualTo(20);
        assertThat(counters.get("unconfirmed.cached")).isEqualTo(19);
        assertThat(dispatched).isEmpty();

        // the same run id under another correlation id is another claim: asked about again
        InboxEntry other = claim("forged", "c2", "success");
        pipeline.submit(other, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.state(other.dedupKey()) == null);
        assertThat(confirmCalls).hasValue(2);
    }

    @Test
    void aRunStillRunningIsAskedAboutAgainNotRemembered() {
        InboxEntry entry = claim("r-running", "c9", "success");
        pipeline.submit(entry, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> confirmCalls.get() >= 3);
        assertThat(counters.get("unconfirmed.cached")).isZero();
    }

    @Test
    void claimForARunStillRunningIsCheckedAgainUntilTheRunEndsThenRouted() {
        InboxEntry entry = claim("r2", "c2", "success");
        pipeline.submit(entry, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> counters.get("recheck") >= 3);
        assertThat(dispatched).isEmpty();
        assertThat(store.state(entry.dedupKey())).as("still claimed by this instance, not routed").isEqualTo("claimed");

        server.put("r2", confirmed("r2", "success"));

        await().atMost(Duration.ofSeconds(5)).until(() -> dispatched.size() == 1);
        assertThat(store.state(entry.dedupKey())).isEqualTo("routed");
    }

    @Test
    void theRealDoorbellAfterAnEarlyClaimIsCheckedAtOnceNotAtTheNextRecheck() {
        // every re-check this pipeline schedules is a day away: only the nudge can route the claim within the test
        ScheduledThreadPoolExecutor dayAway = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
                return super.schedule(task, 1, TimeUnit.DAYS);
            }
        };
        ClaimPipeline slow = pipeline(600_000, dayAway);
        InboxEntry early = claim("r3", "c3", "success");
        slow.submit(early, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> counters.get("recheck") == 1);

        server.put("r3", confirmed("r3", "success"));
        slow.submit(early, true);

        await().atMost(Duration.ofSeconds(5)).until(() -> dispatched.size() == 1);
        assertThat(dayAway.getQueue()).as("the re-check is still scheduled: the nudge routed it").isNotEmpty();
        dayAway.shutdownNow();
    }

    @Test
    void manyConcurrentClaimsForOneRunAreDispatchedOnce() throws Exception {
        server.put("r4", confirmed("r4", "success"));
        InboxEntry entry = claim("r4", "c4", "success");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService posters = Executors.newFixedThreadPool(16);
        for (int i = 0; i < 200; i++) {
            posters.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                pipeline.submit(entry, true);
            });
        }
        go.countDown();
        posters.shutdown();
        await().atMost(Duration.ofSeconds(10)).until(posters::isTerminated);

        await().atMost(Duration.ofSeconds(5)).until(() -> "routed".equals(store.state(entry.dedupKey())) && pipeline.inFlight() == 0);
        assertThat(dispatched).containsExactly("r4:success");
    }

    @Test
    void claimWithoutRunIdMovesToItsRunsKeyOnceThePendingRunNamesIt() {
        store.addPendingRun(new PendingRun("c5", "r5", "t", "cb", 1, "assistant-1"));
        server.put("r5", confirmed("r5", "success"));
        InboxEntry minimal = claim(null, "c5", null);

        pipeline.submit(minimal, true);

        await().atMost(Duration.ofSeconds(5)).until(() -> "routed".equals(store.state(Claim.key("r5", "c5"))));
        assertThat(store.state(minimal.dedupKey())).isNull();
        assertThat(dispatched).containsExactly("r5:success");
    }

    @Test
    void cronClaimWithoutRunIdSweepsTheCronsRunsInstead() {
        InboxEntry entry = new InboxEntry(Claim.key(null, "cron-nightly"), "cron/nightly", "cron-nightly", "webhook", "{}",
                System.currentTimeMillis());
        store.record(entry);

        pipeline.submit(entry, true);

        await().atMost(Duration.ofSeconds(5)).until(() -> store.state(entry.dedupKey()) == null);
        assertThat(sweeps).containsExactly("cron/nightly");
        assertThat(dispatched).isEmpty();
    }

    @Test
    void unreachableServerKeepsTheClaimUntilItAnswers() {
        server.put("r6", new Verdict.Unreachable("connection refused"));
        InboxEntry entry = claim("r6", "c6", "error");
        pipeline.submit(entry, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> counters.get("recheck") >= 2);
        assertThat(store.state(entry.dedupKey())).as("still claimed by this instance, not routed").isEqualTo("claimed");

        server.put("r6", confirmed("r6", "error"));

        await().atMost(Duration.ofSeconds(5)).until(() -> dispatched.contains("r6:error"));
    }

    @Test
    void rowRoutedMeanwhileIsNotConfirmedOrDispatchedAgain() {
        server.put("r7", confirmed("r7", "success"));
        InboxEntry entry = claim("r7", "c7", "success");
        store.markRouted(entry.dedupKey(), "c7", null);

        pipeline.submit(entry, false);

        await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.inFlight() == 0);
        assertThat(confirmCalls).hasValue(0);
        assertThat(dispatched).isEmpty();
    }

    @Test
    void anOutcomeWhoseMarkTheStoreRefusesIsMarkedLaterAndNeverDispatchedAgain() {
        marksToRefuse.set(3);
        server.put("r8", confirmed("r8", "success"));
        InboxEntry entry = claim("r8", "c8", "success");
        pipeline.submit(entry, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> marksToRefuse.get() == 1);

        // the reconciler finds the same run ended meanwhile: only the mark is left to do
        pipeline.submitFromServer(entry, false);

        await().atMost(Duration.ofSeconds(5)).until(() -> "routed".equals(store.state(entry.dedupKey())));
        assertThat(dispatched).containsExactly("r8:success");
        assertThat(confirmCalls).hasValue(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.inFlight() == 0);
    }
}
