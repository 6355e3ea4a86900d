package io.camellanggraph.store;

/**
 * A webhook claim the LangGraph server did not confirm: kept for the operator, never routed.
 *
 * @param at            epoch milliseconds of the decision
 * @param callback      callback name the claim was posted to
 * @param runId         the run id it claimed (null when it named none)
 * @param claimedStatus the status it claimed (null when it named none)
 * @param reason        why it was not confirmed (e.g. {@code unknown-run}, {@code other-callback})
 * @param detail        what the server said instead, one line, without secrets
 */
public record UnconfirmedClaim(long at, String callback, String runId, String claimedStatus, String reason, String detail) {
}
