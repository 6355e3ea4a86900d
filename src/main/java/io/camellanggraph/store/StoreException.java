package io.camellanggraph.store;

/** The callback store could not read or write; the receiver answers 503 so the sender retries. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
