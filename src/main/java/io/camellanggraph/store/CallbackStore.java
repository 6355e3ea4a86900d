package io.camellanggraph.store;

/**
 * Durable state of the callback path: the inbox of received outcomes (which doubles as the idempotent
 * repository) and the runs still waiting for theirs. The embedded default is one SQLite file under the data
 * directory; a cluster shares one PostgreSQL database. Every write has reached the operating system when the
 * method returns, so it survives {@code kill -9} of the process.
 */
public interface CallbackStore extends Inbox, InboxLeases, PendingRuns, RefusedClaims, InboxHistory, AutoCloseable {

    @Override
    void close();
}
