package io.camellanggraph.callback;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Mints the URL given to LangGraph as a run's {@code webhook}: receiver path, callback name, correlation id, token. */
public final class CallbackUrls {

    private final String receiverUrl;
    private final CallbackTokens tokens;

    public CallbackUrls(String receiverUrl, CallbackTokens tokens) {
        this.receiverUrl = receiverUrl.endsWith("/") ? receiverUrl.substring(0, receiverUrl.length() - 1) : receiverUrl;
        this.tokens = tokens;
    }

    public String callbackUrl(String callbackName, String correlationId) {
        return receiverUrl + (callbackName.isEmpty() ? "" : "/" + callbackName)
                + "?cid=" + URLEncoder.encode(correlationId, StandardCharsets.UTF_8)
                + "&token=" + tokens.token(callbackName, correlationId);
    }

    public CallbackTokens tokens() {
        return tokens;
    }
}
