package io.camellanggraph.store;

import java.util.List;

/**
 * What was refused and kept for the operator: claims the server did not confirm, and requests refused as malformed.
 */
public interface RefusedClaims {

    /** Keeps a claim the server did not confirm (never routed), bounded to the newest ones. */
    void recordUnconfirmed(UnconfirmedClaim claim);

    /** Unconfirmed claims, newest first (operator view). */
    List<UnconfirmedClaim> unconfirmed(int limit);

    /** Keeps a request refused as malformed, truncated to {@code maxStored} characters, for inspection. */
    void recordRejected(String callback, int status, String reason, String body);

    List<RejectedRecord> rejected(int limit);
}
