package io.camellanggraph.store;

/**
 * Which instance routes an inbox row now: a claim with a lease, renewed while the instance lives and taken over
 * by another when it runs out (a cluster's dead member).
 */
public interface InboxLeases {

    /**
     * Takes a row for routing: pending, or claimed by {@code owner} already, or claimed by anyone whose lease ran out
     * before {@code now}. One conditional UPDATE, so of two instances only one gets it while both are alive.
     *
     * @return whether {@code owner} holds the row until {@code leaseUntil} (epoch ms)
     */
    boolean claim(String dedupKey, String owner, long leaseUntil, long now);

    /** Extends every claim {@code owner} holds to {@code leaseUntil}; returns how many it holds. */
    int renewClaims(String owner, long leaseUntil);

    /** Hands a claim back (pending again), e.g. when no consumer for its callback runs here. */
    void releaseClaim(String dedupKey, String owner);

    /** Hands back every claim of {@code owner} (at a graceful stop): other instances take them at once. */
    int releaseClaims(String owner);
}
