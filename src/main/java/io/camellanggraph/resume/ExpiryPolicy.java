package io.camellanggraph.resume;

/**
 * What happens to a pending interrupt nobody answers, per callback (the webhook consumer's options).
 *
 * @param resumeTimeoutMillis how long its handle is valid, counted from when its outcome was received; 0: forever
 * @param onExpiry            {@code resume} (with {@code answer}), {@code cancel} (no answer taken any more), or
 *                            {@code route} (its outcome routed again with status {@code expired})
 * @param answer              the answer {@code resume} resumes with, as JSON text
 */
public record ExpiryPolicy(long resumeTimeoutMillis, String onExpiry, String answer) {

    public static final ExpiryPolicy NEVER = new ExpiryPolicy(0, "route", null);

    public ExpiryPolicy {
        if (!"resume".equals(onExpiry) && !"cancel".equals(onExpiry) && !"route".equals(onExpiry)) {
            throw new IllegalArgumentException("onExpiry must be resume, cancel or route, not '" + onExpiry + "'");
        }
        if (resumeTimeoutMillis > 0 && "resume".equals(onExpiry) && (answer == null || answer.isBlank())) {
            throw new IllegalArgumentException("onExpiry=resume needs onExpiryAnswer, the answer (JSON) to resume with");
        }
    }

    public long expiresAt(long receivedAt) {
        return resumeTimeoutMillis > 0 ? receivedAt + resumeTimeoutMillis : 0;
    }
}
