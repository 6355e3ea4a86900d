package io.camellanggraph.callback;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keeps secrets out of routed messages and logs. The server echoes the full webhook URL, token included, in
 * {@code kwargs.webhook}, and {@code kwargs.config.configurable} can carry caller headers.
 */
public final class Redaction {

    public static final String MASK = "***";
    private static final Pattern SECRET_QUERY = Pattern.compile("(?i)([?&](?:token|api[-_]?key|key|secret|signature|sig)=)[^&#\\s\"]*");
    private static final String[] SECRET_NAME_PARTS = {"authorization", "api-key", "api_key", "apikey", "token", "secret", "password", "cookie"};

    private Redaction() {
    }

    /** Masks the values of secret-looking query parameters in a URL or a log line. */
    public static String maskUrl(String text) {
        return text == null ? null : SECRET_QUERY.matcher(text).replaceAll("$1" + MASK);
    }

    public static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String part : SECRET_NAME_PARTS) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** Redacts a run in place: the webhook URL's token and secret-named configurable entries. */
    public static ObjectNode redactRun(ObjectNode run) {
        JsonNode kwargs = run.get("kwargs");
        if (kwargs instanceof ObjectNode k) {
            JsonNode webhook = k.get("webhook");
            if (webhook != null && webhook.isTextual()) {
                k.put("webhook", maskUrl(webhook.asText()));
            }
            JsonNode configurable = k.path("config").path("configurable");
            if (configurable instanceof ObjectNode c) {
                for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (isSecretName(field.getKey())) {
                        field.setValue(c.textNode(MASK));
                    }
                }
            }
        }
        return run;
    }
}
