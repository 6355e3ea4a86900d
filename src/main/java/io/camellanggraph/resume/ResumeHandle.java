package io.camellanggraph.resume;

/**
 * What a resume handle entitles its holder to: answering one pending interrupt of one thread, with the outcome of the
 * resumed run routed to one callback, until an expiry.
 *
 * @param threadId    the interrupted thread
 * @param interruptId the id of the pending interrupt (LangGraph's {@code Interrupt.id})
 * @param callback    the callback name the resumed run's outcome is routed to ({@code ""} for the unnamed one)
 * @param expiresAt   epoch milliseconds after which the handle answers 410; 0 when it never expires
 */
public record ResumeHandle(String threadId, String interruptId, String callback, long expiresAt) {

    public boolean isExpired(long now) {
        return expiresAt > 0 && now >= expiresAt;
    }

    /** The key of the interrupt's one decision. */
    public String interruptKey() {
        return threadId + ":" + interruptId;
    }
}
