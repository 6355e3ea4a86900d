package io.camellanggraph.app.inbound;

/**
 * A message from a queue or topic that the app does not take, for a reason the sender can fix; {@link #getReason()}
 * says which. It goes to the channel's refused destination, and the next message is served.
 */
public class InboundRefusedException extends RuntimeException {

    /** Why a message was refused before anything acted on it. */
    public enum Reason {
        /** Not a JMS TextMessage or BytesMessage of UTF-8 text (an ObjectMessage is never deserialized). */
        WRONG_TYPE,
        /** Longer than {@code outputs.inbound.max-body-size}. */
        OVERSIZED,
        /** No body where one is required. */
        EMPTY_BODY,
        /** A body that must be JSON (a run's input) and is not. */
        NOT_JSON,
        /** A request-reply request with no id to correlate its reply by (neither a correlation id nor a message id). */
        MISSING_ID,
        /** A run request naming no assistant. */
        MISSING_ASSISTANT,
        /** The LangGraph server knows no such assistant or thread (HTTP 404). */
        NOT_FOUND,
        /** The LangGraph server or the run options refused the request's fields (HTTP 400, 422). */
        INVALID_REQUEST
    }

    private final Reason reason;

    public InboundRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason getReason() {
        return reason;
    }
}
