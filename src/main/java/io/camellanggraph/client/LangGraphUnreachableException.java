package io.camellanggraph.client;

import java.io.IOException;

/** The server could not be reached or the connection broke mid-answer; safe to retry for idempotent calls. */
public class LangGraphUnreachableException extends LangGraphApiException {
    public LangGraphUnreachableException(String call, String baseUrl, IOException cause) {
        super(0, call, cause.toString(), "LangGraph server at " + baseUrl + " unreachable for " + call + ": " + cause);
        initCause(cause);
    }
}
