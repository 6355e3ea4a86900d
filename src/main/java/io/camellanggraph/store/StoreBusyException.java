package io.camellanggraph.store;

/**
 * The store cannot keep up: a write queue is full, or a write was not committed in time. Nothing queued is lost (what
 * was queued is still committed); the caller answers 503 at once instead of letting the sender time out.
 */
public class StoreBusyException extends StoreException {
    public StoreBusyException(String message) {
        super(message, null);
    }
}
