package io.camellanggraph.callback;

import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.UnconfirmedClaim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims the server did not confirm, and second outcomes for a run already routed: counted, kept for the operator
 * ({@code lg_unconfirmed}), and logged as security events on the logger {@code io.camellanggraph.security}, each up to
 * a number per minute and reason, then one line saying how many more came, so that a flood of forged claims cannot
 * flood the log (and slow the receiver) as well. Never with the token: the callback URL is not logged. The end of a
 * claim's path for the pipeline (a refused verdict) and for the intake (a duplicate naming another outcome) alike.
 */
final class ClaimRefusals {

    private static final Logger LOG = LoggerFactory.getLogger("io.camellanggraph.security");
    static final int PER_MINUTE = 20;

    private final CallbackStore store;
    private final CallbackCounters counters;
    private final LogLimiter limiter = new LogLimiter(PER_MINUTE);

    ClaimRefusals(CallbackStore store, CallbackCounters counters) {
        this.store = store;
        this.counters = counters;
    }

    /** A claim the server did not confirm, for {@code reason}. */
    void refuse(Claim claim, Verdict.Reason reason, String detail) {
        counters.increment("unconfirmed." + reason.code());
        limiter.warn(LOG, "unconfirmed webhook claims, " + reason.code(), "Unconfirmed webhook claim on callback '{}' ({}): {}",
                claim.callback(), reason.code(), detail);
        store.recordUnconfirmed(new UnconfirmedClaim(System.currentTimeMillis(), claim.callback(), claim.runId(),
                claim.claimedStatus(), reason.code(), detail));
    }

    /** A claim for a run whose outcome was already routed that names another status: a forgery. */
    void secondOutcome(Claim claim, String routedStatus) {
        refuse(claim, Verdict.Reason.ALREADY_ROUTED, "the outcome of run " + claim.runId() + " was routed already ("
                + routedStatus + "); this claim said " + claim.claimedStatus());
    }
}
