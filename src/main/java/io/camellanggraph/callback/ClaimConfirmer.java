package io.camellanggraph.callback;

/** The confirm stage: asks the one party that knows (the LangGraph server) whether a claim is true. */
@FunctionalInterface
public interface ClaimConfirmer {

    /** Blocking; called on a dispatch thread, so the number of calls in flight is bounded by that pool. */
    Verdict confirm(Claim claim);
}
