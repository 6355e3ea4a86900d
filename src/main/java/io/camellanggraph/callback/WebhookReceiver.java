package io.camellanggraph.callback;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.store.StoreBusyException;
import io.camellanggraph.store.StoreException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive stage: answers the LangGraph server's webhook POSTs on {@code <path>[/<callback name>]?cid=..&token=..}.
 * While the application is starting or stopping every callback path is answered 503, which the server retries
 * (a 404 it would not). Then, in order: method (405), callback name known (404), token for that name and
 * correlation id (401), optional static header (401), a form-encoded body (415, kept for inspection), size (413), a
 * JSON object (400); then the claim is recorded durably and only then answered 200. The body may be cut down by the
 * server's {@code webhooks.allowed_fields}: the outcome routed is the server's copy, confirmed afterwards, off this
 * thread. The request's headers never reach a routed message.
 */
public final class WebhookReceiver implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
    /** Refusals and 503s come at the rate a sender chooses: logged up to this many per minute and kind. */
    static final int LOGGED_PER_MINUTE = 20;

    private final LogLimiter logs = new LogLimiter(LOGGED_PER_MINUTE);

    private final Supplier<CallbackHub> hubs;
    private final String path;
    private final long maxBodySize;
    private final String requiredHeaderName;
    private final String requiredHeaderValue;
    private final ObjectMapper mapper;
    private final BooleanSupplier started;

    /**
     * @param started whether the application has started all its routes and is not stopping: until then a callback
     *                name no consumer registered yet may belong to a route still starting, so every callback is
     *                answered 503 (retried), never 404
     */
    public WebhookReceiver(Supplier<CallbackHub> hubs, ObjectMapper mapper, String path, long maxBodySize,
                           String requiredHeaderName, String requiredHeaderValue, BooleanSupplier started) {
        this.started = started;
        this.hubs = hubs;
        this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.maxBodySize = maxBodySize;
        this.requiredHeaderName = requiredHeaderName;
        this.requiredHeaderValue = requiredHeaderValue;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) {
        CallbackHub hub = hubs.get();
        Message in = exchange.getMessage();
        String method = in.getHeader(Exchange.HTTP_METHOD, "", String.class);
        String uri = in.getHeader(Exchange.HTTP_URI, "", String.class);
        String callbackName = callbackName(uri);
        Map<String, String> query = parseQuery(in.getHeader(Exchange.HTTP_QUERY, String.class));
        String headerValue = requiredHeaderName == null ? null : in.getHeader(requiredHeaderName, String.class);
        // platform-http decodes a form into fields and leaves no body: such a POST is no webhook, and said so
        boolean form = isForm(in.getHeader(Exchange.CONTENT_TYPE, String.class));
        String formText = form ? formText(in) : null;
        byte[] body = form ? null : in.getBody(byte[].class);
        // nothing of the request (query, token, caller headers) may travel on in the response
        in.getHeaders().clear();
        in.setBody(null);

        if (callbackName != null && hub == null && started.getAsBoolean()) {
            // a started application that never used a callback: there is nothing here to call back
            answer(exchange, 404, "unknown callback");
        } else if (callbackName != null && (hub == null || !started.getAsBoolean() || !hub.isAccepting())) {
            // the server retries a 503, and the claim is recorded on one of its next tries
            if (hub != null) {
                hub.counters().increment("unavailable");
            }
            answer(exchange, 503, "starting or stopping, retry");
        } else if (!"POST".equalsIgnoreCase(method)) {
            refuse(hub, exchange, 405, "method not allowed", callbackName, null);
        } else if (callbackName == null || !hub.isKnown(callbackName)) {
            refuse(hub, exchange, 404, "unknown callback", callbackName, null);
        } else if (!hub.tokens().verify(callbackName, query.get("cid"), query.get("token"))) {
            refuse(hub, exchange, 401, "invalid token", callbackName, null);
        } else if (requiredHeaderName != null && !constantTimeEquals(requiredHeaderValue, headerValue)) {
            refuse(hub, exchange, 401, "missing or wrong " + requiredHeaderName + " header", callbackName, null);
        } else if (form) {
            refuse(hub, exchange, 415, "form-encoded body: a webhook is sent as application/json", callbackName, formText);
        } else if (body == null || body.length == 0) {
            refuse(hub, exchange, 400, "empty body", callbackName, "");
        } else if (body.length > maxBodySize) {
            refuse(hub, exchange, 413, "body over " + maxBodySize + " bytes", callbackName, new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8));
        } else {
            accept(hub, exchange, callbackName, query.get("cid"), query.get("token"), body);
        }
    }

    /**
     * Only what durability needs before the 2xx: the key's two fields read in one streaming pass, the token masked in
     * the text as received (it is known from the URL), the row committed. The full parse, the redaction of other
     * fields and the confirmation happen after the answer, on the dispatch threads.
     */
    private void accept(CallbackHub hub, Exchange exchange, String callbackName, String correlationId, String token,
                        byte[] body) {
        ClaimFields fields;
        try {
            // webhooks.allowed_fields may leave out anything, even run_id: an object is enough, the server says the rest
            fields = ClaimFields.read(mapper.getFactory(), body);
        } catch (ClaimFields.NotAClaim e) {
            refuse(hub, exchange, 400, e.getMessage(), callbackName, new String(body, StandardCharsets.UTF_8));
            return;
        }
        // a token is URL-safe base64: no JSON escape can hide it, so a plain replace finds every copy of it
        String text = new String(body, StandardCharsets.UTF_8).replace(token, Redaction.MASK);
        try {
            ClaimIntake.Acceptance acceptance = hub.receive(callbackName, correlationId, fields.runId(), fields.status(),
                    text, "webhook");
            answer(exchange, 200, acceptance == ClaimIntake.Acceptance.ACCEPTED ? "accepted" : "duplicate");
        } catch (StoreBusyException e) {
            // a clear answer instead of a timeout: the sender retries a 503, the rows already queued are committed
            hub.counters().increment("refused.busy");
            logs.warn(LOG, "store busy", "Callbacks answered 503 while the callback store catches up: {}", e.getMessage());
            answer(exchange, 503, "store busy, retry");
        } catch (StoreException e) {
            // not recorded, so not acknowledged: the Python server retries 5xx
            logs.warn(LOG, "callbacks not recorded", "Callback for '{}' not recorded, answering 503: {}", callbackName,
                    e.getMessage());
            hub.counters().increment("refused.store");
            answer(exchange, 503, "store unavailable");
        }
    }

    private void refuse(CallbackHub hub, Exchange exchange, int status, String reason, String callbackName, String body) {
        if (hub == null) {
            // outside the callback path (no name): nothing to count or keep
            answer(exchange, status, reason);
            return;
        }
        hub.counters().increment("refused." + status);
        logs.warn(LOG, "webhooks refused with " + status, "Webhook refused with {} for callback '{}': {}", status,
                callbackName, reason);
        if (body != null) {
            // malformed bodies are kept for inspection (the store keeps a bounded number of them)
            try {
                hub.store().recordRejected(callbackName, status, reason, Redaction.maskUrl(body));
            } catch (StoreException e) {
                LOG.debug("Rejected body not kept: {}", e.getMessage());
            }
        }
        answer(exchange, status, reason);
    }

    private static void answer(Exchange exchange, int status, String text) {
        Message out = exchange.getMessage();
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody("{\"status\":\"" + text.replace("\"", "'") + "\"}");
    }

    /** {@code ""} for the unnamed callback, the name (which may be {@code cron/<name>}), or null when outside the path. */
    String callbackName(String uri) {
        int q = uri.indexOf('?');
        String p = q < 0 ? uri : uri.substring(0, q);
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals(path)) {
            return "";
        }
        return p.startsWith(path + "/") ? p.substring(path.length() + 1) : null;
    }

    static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    params.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException badEscape) {
                    // a malformed escape makes that parameter absent, hence the token check fails
                }
            }
        }
        return params;
    }

    private static boolean isForm(String contentType) {
        String type = contentType == null ? "" : contentType.trim().toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    }

    /**
     * What is kept of a form: its fields as {@code name=value&..} where the HTTP server decoded it (Vert.x; a JSON text
     * posted as a form is one field's name), else the body as the server left it.
     */
    private static String formText(Message in) {
        if (!(in.getBody() instanceof Map<?, ?> map)) {
            String text = in.getBody(String.class);
            return text == null ? "" : text;
        }
        StringBuilder text = new StringBuilder();
        map.forEach((name, value) -> {
            if (text.length() > 0) {
                text.append('&');
            }
            text.append(name);
            String v = value == null ? "" : String.valueOf(value);
            if (!v.isEmpty()) {
                text.append('=').append(v);
            }
        });
        return text.toString();
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return actual != null && java.security.MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
