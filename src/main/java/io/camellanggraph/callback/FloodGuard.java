package io.camellanggraph.callback;

import java.util.function.LongSupplier;

/**
 * Keeps a flood of forged claims from turning into a flood of GETs on the LangGraph server, and into the work of
 * refusing each one here (or, while the server cannot be asked, of parking each one for a re-check). Anyone who can
 * read a run's {@code kwargs.webhook} can post thousands of claims a second with a valid token; each would cost the
 * server one look-up and this app a claim, a refusal and a delete, on the same cores that receive the next ones.
 * <p>
 * A flood is a second in which senders' claims arrived at {@code floodClaims} a second or more (the component's
 * {@code floodClaimsPerSecond}) and at least half of the claims checked were refused by the server or could not be
 * checked (server unreachable). During a flood, claims from senders are checked at most {@code checksPerSecond} a
 * second ({@code floodChecksPerSecond}); the rest wait, recorded, in the inbox and are checked once claims arrive
 * slower again (oldest first). Nothing is refused unchecked: the only cost is delay, and runs this app started or a
 * cron started are still found by polling, asked with the API key. Decided per whole second of the clock: the last
 * full second decides the current one.
 */
final class FloodGuard {

    private final LongSupplier clock;
    private final int floodClaims;
    private final int checksPerSecond;

    private long second = Long.MIN_VALUE;
    private int received;
    private int asked;
    private int failed;
    private int checksTaken;
    private boolean flood;
    /** A flood began and nobody was told yet. */
    private boolean began;

    /**
     * @param floodClaims     senders' claims a second from which a second counts as a flood (when the server refuses
     *                        most of them); 0: never a flood
     * @param checksPerSecond senders' claims checked a second during a flood
     */
    FloodGuard(LongSupplier clockMillis, int floodClaims, int checksPerSecond) {
        this.clock = clockMillis;
        this.floodClaims = floodClaims;
        this.checksPerSecond = checksPerSecond;
    }

    int checksPerSecond() {
        return checksPerSecond;
    }

    /** A sender's claim was recorded. */
    synchronized void received() {
        roll();
        received++;
    }

    /**
     * A claim was checked; {@code failed}: it was refused (not this callback's outcome) or the server could not be
     * asked. A confirmed outcome, or a run still running, is not.
     */
    synchronized void checked(boolean failed) {
        roll();
        asked++;
        if (failed) {
            this.failed++;
        }
    }

    /** Whether a sender's claim may be checked now. */
    enum Admission {
        /** No flood: checked at once. */
        FREE,
        /** A flood: checked with one of this second's checks. */
        CHECK,
        /** A flood, and this second's checks are used up: the claim waits in the inbox. */
        WAIT
    }

    /** Admits a sender's claim to its check; during a flood this takes one of the second's checks. */
    synchronized Admission admit() {
        roll();
        if (!flood) {
            return Admission.FREE;
        }
        if (checksTaken < checksPerSecond) {
            checksTaken++;
            return Admission.CHECK;
        }
        return Admission.WAIT;
    }

    /** Senders' claims that may still be checked this second (unbounded outside a flood). */
    synchronized int room() {
        roll();
        return flood ? checksPerSecond - checksTaken : Integer.MAX_VALUE;
    }

    /** True once per flood, for the first caller after it began: that caller tells the operator. */
    synchronized boolean takeBegan() {
        roll();
        boolean first = began;
        began = false;
        return first;
    }

    synchronized boolean isFlood() {
        roll();
        return flood;
    }

    private void roll() {
        long now = Math.floorDiv(clock.getAsLong(), 1000L);
        if (now == second) {
            return;
        }
        // a gap of a whole second or more means nothing arrived in the last one: no flood
        boolean lastWasPrevious = now == second + 1;
        int lastReceived = lastWasPrevious ? received : 0;
        boolean was = flood;
        if (floodClaims <= 0 || lastReceived < floodClaims) {
            flood = false;
        } else if (asked > 0) {
            flood = failed * 2 >= asked;
        }
        // (a second of many claims without a single check, the dispatch threads busy, keeps the state it had)
        began |= flood && !was;
        second = now;
        received = 0;
        asked = 0;
        failed = 0;
        checksTaken = 0;
    }
}
