package io.camellanggraph.client;

import java.io.IOException;

/** The server could not be reached or the connection broke mid-answer; safe to retry for idempotent calls. */
public class LangGraphUnreachableException extends LangGraphApiException {
    public LangGraphUnreachableException(String call, String baseUrl, IOException cause) {
        this(call, cause.toString(), "LangGraph server at " + baseUrl + " unreachable for " + call + ": " + cause, cause);
    }

    protected LangGraphUnreachableException(String call, String detail, String message, IOException cause) {
        super(0, call, detail, message);
        initCause(cause);
    }
}
