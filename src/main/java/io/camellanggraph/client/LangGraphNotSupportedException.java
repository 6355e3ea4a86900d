package io.camellanggraph.client;

/**
 * The server does not implement the call: the JS dev server answers {@code 500 Not implemented} to every
 * cron endpoint (its {@code /info} says {@code flags.crons=false}).
 */
public class LangGraphNotSupportedException extends LangGraphApiException {
    public LangGraphNotSupportedException(int statusCode, String call, String detail) {
        super(statusCode, call, detail, "LangGraph server does not support " + call + " (answered " + statusCode + " "
                + detail + "); crons need a server whose GET /info reports flags.crons=true, e.g. the Python server");
    }
}
