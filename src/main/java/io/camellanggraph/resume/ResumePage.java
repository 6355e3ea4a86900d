package io.camellanggraph.resume;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.camellanggraph.client.LangGraphApiException;
import io.camellanggraph.client.LangGraphUnreachableException;
import io.camellanggraph.store.Decision;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resume URL {@code <resumePath>/<handle>} on the receiver's HTTP server. {@code GET} shows the interrupt's value
 * (its question and options when it has them) and a form, and never resumes: mail scanners prefetch links.
 * {@code POST} answers: a JSON body is the answer; a form's {@code answer} field is a text answer. 202 resumed; 409
 * answered already or no longer pending; 404 for a malformed or tampered handle and 410 for an expired one, without
 * detail. The handle is the only credential, so the page shows only what the handle already entitles its holder to.
 */
public final class ResumePage implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ResumePage.class);

    private final Supplier<InterruptResumer> resumers;
    private final String path;
    private final ObjectMapper mapper;

    public ResumePage(Supplier<InterruptResumer> resumers, String path, ObjectMapper mapper) {
        this.resumers = resumers;
        this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String method = in.getHeader(Exchange.HTTP_METHOD, "", String.class);
        String uri = in.getHeader(Exchange.HTTP_URI, "", String.class);
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, "", String.class);
        String formAnswer = in.getHeader("answer", String.class);
        byte[] body = in.getBody(byte[].class);
        // nothing of the request travels on in the response
        in.getHeaders().clear();
        in.setBody(null);
        InterruptResumer resumer = resumers.get();
        if (resumer == null || !resumer.isStarted()) {
            answer(exchange, 503, "application/json", "{\"status\":\"starting or stopping, retry\"}");
            return;
        }
        try {
            ResumeHandle handle = resumer.check(handleOf(uri));
            if ("GET".equalsIgnoreCase(method)) {
                page(exchange, resumer, handle);
            } else if ("POST".equalsIgnoreCase(method)) {
                boolean form = contentType.startsWith("application/x-www-form-urlencoded");
                JsonNode value = form ? formAnswer(formAnswer, body) : mapper.readTree(body == null ? new byte[0] : body);
                if (value == null || value.isMissingNode()) {
                    answer(exchange, 400, "application/json", "{\"status\":\"an answer is required\"}");
                    return;
                }
                Decision d = resumer.answer(handle, value, "resume-url");
                if (form) {
                    answer(exchange, 202, "text/html; charset=utf-8", html("Answer recorded", "<p>Thank you: the run goes on.</p>"));
                } else {
                    answer(exchange, 202, "application/json", mapper.createObjectNode().put("status", "resumed")
                            .put("run_id", d.runId()).toString());
                }
            } else {
                answer(exchange, 405, "application/json", "{\"status\":\"method not allowed\"}");
            }
        } catch (LangGraphResumeRefusedException e) {
            refused(exchange, e);
        } catch (IOException notJson) {
            answer(exchange, 400, "application/json", "{\"status\":\"the answer is not JSON\"}");
        } catch (LangGraphUnreachableException e) {
            answer(exchange, 503, "application/json", "{\"status\":\"LangGraph server unreachable, retry\"}");
        } catch (LangGraphApiException e) {
            LOG.warn("Resume refused by the LangGraph server ({}): {}", e.getStatusCode(), e.getDetail());
            // the answer is withdrawn: the question still waits and may be answered again (a busy thread, later)
            answer(exchange, e.getStatusCode() == 409 ? 409 : 502, "application/json",
                    "{\"status\":\"the LangGraph server did not take the answer now; the question still waits for one\"}");
        }
    }

    private void refused(Exchange exchange, LangGraphResumeRefusedException e) {
        switch (e.getReason()) {
            case INVALID_HANDLE -> answer(exchange, 404, "application/json", "{\"status\":\"not found\"}");
            case EXPIRED -> answer(exchange, 410, "application/json", "{\"status\":\"expired\"}");
            case ALREADY_ANSWERED -> answer(exchange, 409, "application/json", "{\"status\":\"answered already\"}");
            case NOT_PENDING -> answer(exchange, 409, "application/json", "{\"status\":\"no longer waiting for an answer\"}");
        }
    }

    private void page(Exchange exchange, InterruptResumer resumer, ResumeHandle handle) {
        if (resumer.decision(handle) != null) {
            answer(exchange, 200, "text/html; charset=utf-8", html("Answered", "<p>This question was answered already.</p>"));
            return;
        }
        JsonNode interrupt = resumer.pending(handle);
        if (interrupt == null) {
            answer(exchange, 200, "text/html; charset=utf-8", html("Not waiting", "<p>The run no longer waits for this answer.</p>"));
            return;
        }
        JsonNode value = interrupt.path("value");
        StringBuilder body = new StringBuilder();
        String question = value.path("question").asText(null);
        body.append("<h1>").append(escape(question == null ? "Your answer is needed" : question)).append("</h1>\n");
        body.append("<pre>").append(escape(value.toPrettyString())).append("</pre>\n<form method=\"post\">\n");
        if (value.path("options").isArray() && !value.path("options").isEmpty()) {
            for (JsonNode option : value.path("options")) {
                body.append("<button type=\"submit\" name=\"answer\" value=\"").append(escape(option.asText())).append("\">")
                        .append(escape(option.asText())).append("</button>\n");
            }
        } else {
            body.append("<textarea name=\"answer\" rows=\"4\" cols=\"60\"></textarea><br>\n"
                    + "<button type=\"submit\">Answer</button>\n");
        }
        body.append("</form>");
        answer(exchange, 200, "text/html; charset=utf-8", html(question == null ? "Answer" : question, body.toString()));
    }

    private static JsonNode formAnswer(String fromHeader, byte[] body) {
        if (fromHeader != null) {
            return TextNode.valueOf(fromHeader);
        }
        if (body == null) {
            return null;
        }
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.startsWith("answer=")) {
                try {
                    return TextNode.valueOf(URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException badEscape) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The last path segment below the resume path; "" when there is none (then refused as invalid). */
    private String handleOf(String uri) {
        int q = uri.indexOf('?');
        String p = q < 0 ? uri : uri.substring(0, q);
        return p.startsWith(path + "/") ? p.substring(path.length() + 1) : "";
    }

    private static String html(String title, String body) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\"><title>"
                + escape(title) + "</title></head>\n<body>\n" + body + "\n</body></html>\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static void answer(Exchange exchange, int status, String contentType, String body) {
        Message out = exchange.getMessage();
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, contentType);
        // a page for one person: never cached by a proxy, never shown in a referrer
        out.setHeader("Cache-Control", "no-store");
        out.setHeader("Referrer-Policy", "no-referrer");
        out.setBody(body);
    }
}
