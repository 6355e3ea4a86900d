package io.camellanggraph.client;

import java.io.IOException;

/**
 * The server did not answer a call within its deadline ({@link CallTimeouts}): connected but silent, or too slow.
 * An unreachable server as far as the callers go (they retry or check again later); the message names the setting.
 */
public class LangGraphTimeoutException extends LangGraphUnreachableException {
    public LangGraphTimeoutException(String call, String baseUrl, String limit, IOException cause) {
        super(call, "no answer within " + limit, "LangGraph server at " + baseUrl + " did not answer " + call + " within "
                + limit, cause);
    }
}
