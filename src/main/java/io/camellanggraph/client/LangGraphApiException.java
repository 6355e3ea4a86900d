package io.camellanggraph.client;

/**
 * An answer of the LangGraph API that is not a success: the HTTP status, the call that failed and the
 * server's own {@code detail}. Subclasses name the statuses a route typically handles on its own.
 */
public class LangGraphApiException extends RuntimeException {

    private final int statusCode;
    private final String call;
    private final String detail;

    public LangGraphApiException(int statusCode, String call, String detail) {
        this(statusCode, call, detail, "LangGraph server answered " + statusCode + " to " + call + ": " + detail);
    }

    protected LangGraphApiException(int statusCode, String call, String detail, String message) {
        super(message);
        this.statusCode = statusCode;
        this.call = call;
        this.detail = detail;
    }

    /** Maps an HTTP error status to the most specific exception type. */
    public static LangGraphApiException of(int statusCode, String call, String detail) {
        return switch (statusCode) {
            case 404 -> new LangGraphNotFoundException(call, detail);
            case 409 -> new LangGraphConflictException(call, detail);
            case 422 -> LangGraphWebhookUrlRefusedException.of(call, detail);
            case 500, 501 -> "Not implemented".equalsIgnoreCase(detail == null ? "" : detail.trim())
                    ? new LangGraphNotSupportedException(statusCode, call, detail)
                    : new LangGraphApiException(statusCode, call, detail);
            default -> new LangGraphApiException(statusCode, call, detail);
        };
    }

    public int getStatusCode() {
        return statusCode;
    }

    /** The method and path that failed, e.g. {@code POST /runs/crons}. */
    public String getCall() {
        return call;
    }

    /** The server's explanation ({@code detail} of its JSON error, or its plain-text body). */
    public String getDetail() {
        return detail;
    }
}
