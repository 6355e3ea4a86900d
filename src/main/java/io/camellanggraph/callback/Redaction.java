package io.camellanggraph.callback;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keeps secrets out of routed messages and logs. The server echoes the full webhook URL, token included, in
 * {@code kwargs.webhook}, and {@code kwargs.config.configurable} can carry caller headers. Resume handles and URLs count
 * as secrets for every general output; the channels meant for people ask for them explicitly.
 */
public final class Redaction {

    public static final String MASK = "***";
    private static final Pattern SECRET_QUERY = Pattern.compile("(?i)([?&](?:token|api[-_]?key|key|secret|signature|sig)=)[^&#\\s\"]*");
    /** The one list of secret-looking names: logs, bodies, headers, JMS and Kafka properties all go by it. */
    private static final String[] SECRET_NAME_PARTS = {"authorization", "api-key", "api_key", "apikey", "api.key", "token", "secret",
        "password", "passwd", "cookie"};
    private static final String[] RESUME_CAPABILITY_PARTS = {"resumehandle", "resumeurl"};

    private Redaction() {
    }

    /** Masks the values of secret-looking query parameters in a URL or a log line. */
    public static String maskUrl(String text) {
        return text == null ? null : SECRET_QUERY.matcher(text).replaceAll("$1" + MASK);
    }

    /** A name that looks secret: a token, key, password, cookie, ... or a resume handle or URL. */
    public static boolean isSecretName(String name) {
        return isCredentialName(name) || isResumeCapabilityName(name);
    }

    /** A name that looks like a credential of a system (token, api key, password, authorization, cookie), not a handle. */
    public static boolean isCredentialName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String part : SECRET_NAME_PARTS) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A resume handle or URL by its name, in any spelling ({@code CamelLangGraphResumeHandle}, {@code resume_url},
     * {@code langgraph_resume_handle}, ...): the only credential for an answer, for the channels meant for people.
     */
    public static boolean isResumeCapabilityName(String name) {
        String squashed = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
        for (String part : RESUME_CAPABILITY_PARTS) {
            if (squashed.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** A value carrying resume handles (the {@code CamelLangGraphInterrupts} of an interrupted outcome). */
    public static boolean carriesResumeHandle(Object value) {
        return value != null && value.toString().contains("\"resume_handle\"");
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
