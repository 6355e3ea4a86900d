package io.camellanggraph.resume;

import io.camellanggraph.store.ExpiryAction;

/**
 * What happens to a pending interrupt nobody answers, per callback (the webhook consumer's options).
 *
 * @param resumeTimeoutMillis how long its handle is valid, counted from when its outcome was received; 0: forever
 * @param onExpiry            what its expiry does ({@code RESUME} needs {@code answer})
 * @param answer              the answer {@code resume} resumes with, as JSON text
 */
public record ExpiryPolicy(long resumeTimeoutMillis, ExpiryAction onExpiry, String answer) {

    public static final ExpiryPolicy NEVER = new ExpiryPolicy(0, ExpiryAction.ROUTE, null);

    public ExpiryPolicy {
        if (resumeTimeoutMillis > 0 && onExpiry == ExpiryAction.RESUME && (answer == null || answer.isBlank())) {
            throw new IllegalArgumentException("onExpiry=resume needs onExpiryAnswer, the answer (JSON) to resume with");
        }
    }

    public long expiresAt(long receivedAt) {
        return resumeTimeoutMillis > 0 ? receivedAt + resumeTimeoutMillis : 0;
    }
}
