package io.camellanggraph.component;

import io.camellanggraph.store.StoreException;

/**
 * A run with {@code webhook=auto} was not started because the callback store refused to record it as pending first
 * (a full disk, the database away). No run was created on the server: the exchange may be retried as it is.
 */
public class LangGraphRunNotRecordedException extends RuntimeException {
    public LangGraphRunNotRecordedException(StoreException cause) {
        super("Run not started: the callback store refused to record it first, so its outcome could not be routed ("
                + cause.getMessage() + ")", cause);
    }
}
