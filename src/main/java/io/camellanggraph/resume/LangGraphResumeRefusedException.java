package io.camellanggraph.resume;

/**
 * An answer to an interrupt that was refused and started no run; {@link #getReason()} says why. The message never
 * contains the handle.
 */
public class LangGraphResumeRefusedException extends RuntimeException {

    /** Why an answer was refused. */
    public enum Reason {
        /** The handle is malformed, tampered with or signed with another secret (HTTP 404). */
        INVALID_HANDLE,
        /** The handle's expiry has passed (HTTP 410). */
        EXPIRED,
        /** This interrupt was answered already, here or on another instance (HTTP 409). */
        ALREADY_ANSWERED,
        /** The thread no longer waits at this interrupt: answered elsewhere (e.g. LangGraph Studio), or gone (HTTP 409). */
        NOT_PENDING,
        /**
         * No handle came with the answer, and the route names no interrupt on its endpoint URI: ids a message carries
         * are claims, never a credential.
         */
        MISSING_HANDLE,
        /** The answer (the body) is empty. */
        EMPTY_ANSWER
    }

    private final Reason reason;

    public LangGraphResumeRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason getReason() {
        return reason;
    }
}
