package io.camellanggraph.store;

/**
 * A pending interrupt this app routed and that waits for a person: what the operator page lists and what expires.
 *
 * @param threadId     the interrupted thread
 * @param interruptId  the interrupt's id
 * @param callback     the callback its outcome was routed to (and the resumed run's outcome goes to)
 * @param runId        the run that stopped at it
 * @param value        the interrupt's value as JSON text (question, options, ...)
 * @param receivedAt   epoch milliseconds the interrupted outcome was received
 * @param expiresAt    epoch milliseconds it expires; 0 for never
 * @param onExpiry     what its expiry does
 * @param expiryAnswer {@code onExpiry=resume}: the answer it is resumed with, as JSON text
 * @param state        {@code waiting}, {@code expiring} (taken by an instance), or closed: {@code answered},
 *                     {@code expired}, {@code gone}
 */
public record AwaitingInterrupt(String threadId, String interruptId, String callback, String runId, String value,
                                long receivedAt, long expiresAt, ExpiryAction onExpiry, String expiryAnswer, String state) {

    public static final String WAITING = "waiting";
    public static final String EXPIRING = "expiring";
    public static final String ANSWERED = "answered";
    public static final String EXPIRED = "expired";
    public static final String GONE = "gone";

    public String key() {
        return threadId + ":" + interruptId;
    }
}
