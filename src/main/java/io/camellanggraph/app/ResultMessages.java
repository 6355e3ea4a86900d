package io.camellanggraph.app;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.Redaction;
import io.camellanggraph.component.LangGraphConstants;
import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.attachment.AttachmentMessage;

/**
 * The message-shaping steps of {@code routes/results.camel.yaml} and the request-reply bridge, kept out of the YAML so
 * the routes read like the integration: the content filter, the splitter's message list, the audit line, the alert
 * and digest mails and the dead letters. Bodies are run JSON as the {@code langgraph} component delivers it.
 */
public class ResultMessages {

    /** Exchange property naming the output an exchange is on (file, queue, messages, mail, digest, audit). */
    public static final String OUTPUT = "output";
    /** Exchange property with the result kind the router chose (success, awaiting-input, error, timeout, ...). */
    public static final String RESULT_KIND = "resultKind";
    /** Header on dead letters: the output that failed. */
    public static final String DEAD_LETTER_OUTPUT = "LangGraphDeadLetterOutput";
    /** Header on dead letters: why (the last exception's message). */
    public static final String DEAD_LETTER_REASON = "LangGraphDeadLetterReason";

    /** Artemis' duplicate detection property: a message with an id the address has seen already is dropped. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private static final int OUTPUT_PREVIEW_CHARS = 4000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    // ---- content filter -------------------------------------------------------------------------------------------

    /**
     * Content filter: the run without {@code kwargs} (the server echoes the webhook URL and the run's configurable
     * there), without any field whose name looks secret (token, api key, password, authorization, ...) at any depth,
     * and with secret-looking URL query parameters masked in every text. The graph name, which only kwargs carry, is
     * kept as {@code graph_id}.
     */
    public String stripSecrets(String json) throws JsonProcessingException {
        JsonNode node = MAPPER.readTree(json);
        if (node instanceof ObjectNode run) {
            // the graph's name is worth keeping: runs name their assistant by id only
            String graph = run.path("kwargs").path("config").path("configurable").path("graph_id")
                    .asText(run.path("metadata").path("graph_id").asText(null));
            if (graph != null && !run.has("graph_id")) {
                run.put("graph_id", graph);
            }
            run.remove("kwargs");
        }
        return MAPPER.writeValueAsString(strip(node));
    }

    static JsonNode strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (Redaction.isSecretName(field.getKey()) || field.getKey().equalsIgnoreCase("webhook")) {
                    it.remove();
                } else {
                    field.setValue(strip(field.getValue()));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, strip(array.get(i)));
            }
        } else if (node != null && node.isTextual()) {
            String masked = Redaction.maskUrl(node.asText());
            return masked.equals(node.asText()) ? node : JsonNodeFactory.instance.textNode(masked);
        }
        return node;
    }

    // ---- splitter ---------------------------------------------------------------------------------------------------

    /**
     * The splitter's input: {@code values.messages} of the run, one map per message with its {@code role} (LangChain
     * message {@code type}s mapped: human to user, ai to assistant), {@code content}, {@code index} and the run's ids.
     */
    public List<Map<String, Object>> messages(String json) throws JsonProcessingException {
        JsonNode run = MAPPER.readTree(json);
        List<Map<String, Object>> messages = new ArrayList<>();
        int index = 0;
        for (JsonNode message : run.path("values").path("messages")) {
            Map<String, Object> item = new LinkedHashMap<>();
            if (message.isObject()) {
                item.putAll(MAPPER.convertValue(message, Map.class));
            } else {
                item.put("content", message.asText());
            }
            item.put("role", role(message));
            item.put("index", index++);
            item.put("run_id", run.path("run_id").asText(null));
            item.put("thread_id", run.path("thread_id").asText(null));
            item.put("assistant_id", run.path("assistant_id").asText(null));
            messages.add(item);
        }
        return messages;
    }

    private static String role(JsonNode message) {
        String role = message.path("role").asText(null);
        if (role != null) {
            return role;
        }
        return switch (message.path("type").asText("")) {
            case "ai", "AIMessage", "AIMessageChunk" -> "assistant";
            case "human", "HumanMessage" -> "user";
            case "" -> "unknown";
            default -> message.path("type").asText().toLowerCase(Locale.ROOT);
        };
    }

    // ---- wire tap: audit ------------------------------------------------------------------------------------------

    /**
     * One JSON Lines record (with its newline) summing up the outcome for the append-only audit file: one per delivery,
     * so a redelivered outcome has a second line with the same {@code idempotency_key}, for a reader to de-duplicate.
     */
    public String auditLine(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        JsonNode run = MAPPER.readTree(in.getBody(String.class));
        ObjectNode line = MAPPER.createObjectNode();
        line.put("audited_at", Instant.now().toString());
        line.put("idempotency_key", in.getHeader(LangGraphConstants.IDEMPOTENCY_KEY, String.class));
        line.put("run_id", run.path("run_id").asText(null));
        line.put("thread_id", run.path("thread_id").asText(null));
        line.put("assistant_id", run.path("assistant_id").asText(null));
        line.put("graph_id", assistant(run));
        line.put("status", run.path("status").asText(null));
        line.put("interrupted", in.getHeader(LangGraphConstants.INTERRUPTED, false, Boolean.class));
        line.put("callback", in.getHeader(LangGraphConstants.CALLBACK, String.class));
        line.put("source", in.getHeader(LangGraphConstants.SOURCE, String.class));
        line.put("correlation_id", in.getHeader(LangGraphConstants.CORRELATION_ID, String.class));
        line.put("run_started_at", run.path("run_started_at").asText(null));
        line.put("run_ended_at", run.path("run_ended_at").asText(null));
        Duration duration = duration(run);
        if (duration != null) {
            line.put("duration_ms", duration.toMillis());
        }
        String error = in.getHeader(LangGraphConstants.ERROR, String.class);
        if (error != null) {
            line.put("error", error);
        }
        return MAPPER.writeValueAsString(line) + "\n";
    }

    // ---- mail -----------------------------------------------------------------------------------------------------

    /** Alert mail for one run: subject and readable body sum it up; the full run JSON is attached. */
    public void alertMail(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        String json = in.getBody(String.class);
        JsonNode run = MAPPER.readTree(json);
        String kind = exchange.getProperty(RESULT_KIND, run.path("status").asText(), String.class);
        Duration duration = duration(run);
        in.setHeader("Subject", "LangGraph run " + assistant(run) + ": " + kind
                + (duration == null ? "" : " in " + human(duration)) + " (run " + run.path("run_id").asText() + ")");
        StringBuilder body = new StringBuilder();
        summary(body, run, kind, in);
        body.append("\nOutput:\n").append(indent(preview(run.path("values")))).append('\n');
        JsonNode interrupts = run.path("thread_state").path("interrupts");
        if (!interrupts.isMissingNode() && !interrupts.isEmpty()) {
            body.append("\nWaiting for input:\n").append(indent(preview(interrupts))).append('\n');
        }
        body.append("\nThe full run is attached as run-").append(run.path("run_id").asText()).append(".json.\n");
        in.setBody(body.toString());
        in.setHeader("Content-Type", "text/plain; charset=UTF-8");
        attach(exchange, "run-" + run.path("run_id").asText() + ".json", pretty(run));
    }

    /**
     * Digest mail of the runs the aggregator collected: one line per run, all runs attached as a JSON array, and a
     * {@code Message-ID} made of the runs' keys, the same when the same digest is sent again after a crash.
     */
    public void digestMail(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        List<?> bodies = in.getBody(List.class);
        ArrayNode runs = MAPPER.createArrayNode();
        Map<String, Integer> byStatus = new TreeMap<>();
        StringBuilder lines = new StringBuilder();
        for (Object body : bodies) {
            JsonNode run = MAPPER.readTree(body.toString());
            runs.add(run);
            String status = run.path("status").asText();
            byStatus.merge(status, 1, Integer::sum);
            Duration duration = duration(run);
            lines.append(String.format(Locale.ROOT, "%-10s %-12s %-9s %s%s%n", status, assistant(run),
                    duration == null ? "" : human(duration), run.path("run_id").asText(),
                    run.hasNonNull("error") ? "  " + oneLine(run.get("error")) : ""));
        }
        StringBuilder counts = new StringBuilder();
        byStatus.forEach((status, n) -> counts.append(counts.isEmpty() ? "" : ", ").append(n).append(' ').append(status));
        in.setHeader("Subject", "LangGraph digest: " + bodies.size() + " runs (" + counts + ")");
        in.setHeader("Message-ID", "<" + DigestAggregationStrategy.digestId(exchange) + "@camel-langgraph>");
        in.setBody("LangGraph runs since the last digest: " + counts + "\n\n"
                + String.format(Locale.ROOT, "%-10s %-12s %-9s %s%n", "STATUS", "ASSISTANT", "DURATION", "RUN")
                + lines + "\nAll runs are attached as runs.json.\n");
        in.setHeader("Content-Type", "text/plain; charset=UTF-8");
        attach(exchange, "runs.json", MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(runs));
    }

    private static void summary(StringBuilder body, JsonNode run, String kind, Message in) {
        Duration duration = duration(run);
        body.append("Assistant: ").append(assistant(run)).append('\n');
        body.append("Status:    ").append(kind).append('\n');
        body.append("Duration:  ").append(duration == null ? "unknown" : human(duration)).append('\n');
        body.append("Run:       ").append(run.path("run_id").asText()).append('\n');
        body.append("Thread:    ").append(run.path("thread_id").asText("-")).append('\n');
        body.append("Started:   ").append(run.path("run_started_at").asText(run.path("created_at").asText("-"))).append('\n');
        body.append("Ended:     ").append(run.path("run_ended_at").asText(run.path("updated_at").asText("-"))).append('\n');
        String source = in.getHeader(LangGraphConstants.SOURCE, String.class);
        if (source != null) {
            body.append("Via:       ").append(source).append(" (callback ")
                    .append(in.getHeader(LangGraphConstants.CALLBACK, "", String.class)).append(")\n");
        }
        if (run.hasNonNull("error")) {
            body.append("Error:     ").append(oneLine(run.get("error"))).append('\n');
        }
    }

    // ---- dead letters ---------------------------------------------------------------------------------------------

    /**
     * Prepares a dead letter: JSON body (split items and digests are maps and lists), file name
     * {@code <output>/<run id>[-message-<i>].json} or {@code digest/<digest id>.json}, headers naming the failed
     * output and the reason, and the file name as the DLQ's duplicate id, so a redelivered outcome that fails again
     * is dead-lettered once.
     */
    public void deadLetter(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        if (body instanceof java.util.Collection<?> items) {
            // a digest: the runs it held, as one JSON array
            ArrayNode array = MAPPER.createArrayNode();
            for (Object item : items) {
                array.add(item instanceof String text ? MAPPER.readTree(text) : MAPPER.valueToTree(item));
            }
            in.setBody(MAPPER.writeValueAsString(array));
        } else if (!(body instanceof String) && !(body instanceof byte[])) {
            in.setBody(MAPPER.writeValueAsString(body));
        }
        String output = exchange.getProperty(OUTPUT, "unknown", String.class);
        String runId = in.getHeader(LangGraphConstants.RUN_ID, String.class);
        Integer splitIndex = exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class);
        String name;
        if ("digest".equals(output) && in.getHeader(DigestAggregationStrategy.KEYS) != null) {
            name = DigestAggregationStrategy.digestId(exchange);
        } else if (runId == null) {
            name = Instant.now().toString().replace(':', '-') + "-" + exchange.getExchangeId();
        } else if ("messages".equals(output) && splitIndex != null) {
            name = runId + "-message-" + splitIndex;
        } else {
            name = runId;
        }
        in.setHeader(Exchange.FILE_NAME, output + "/" + name + ".json");
        in.setHeader(DUPLICATE_ID, "dead-letter/" + output + "/" + name);
        in.setHeader(DEAD_LETTER_OUTPUT, output);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        in.setHeader(DEAD_LETTER_REASON, cause == null ? "unknown" : Redaction.maskUrl(String.valueOf(cause.getMessage())));
    }

    // ---- request-reply bridge ---------------------------------------------------------------------------------------

    /** The bridge's reply when no run outcome can be given (no assistant named, server unreachable, await timeout). */
    public String errorReply(Exchange exchange) throws JsonProcessingException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "unknown" : Redaction.maskUrl(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        ObjectNode reply = MAPPER.createObjectNode();
        reply.put("status", "error");
        reply.put("error", reason);
        Message in = exchange.getMessage();
        reply.put("run_id", in.getHeader(LangGraphConstants.RUN_ID, String.class));
        reply.put("assistant_id", in.getHeader(LangGraphConstants.ASSISTANT_ID, String.class));
        in.setHeader(LangGraphConstants.RUN_STATUS, "error");
        in.setHeader(LangGraphConstants.ERROR, reason);
        return MAPPER.writeValueAsString(reply);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** The graph name when known (graph_id, lifted from kwargs by the content filter, or metadata.graph_id), else the assistant id. */
    static String assistant(JsonNode run) {
        String graph = run.path("graph_id").asText(run.path("metadata").path("graph_id").asText(null));
        return graph != null ? graph : run.path("assistant_id").asText("unknown");
    }

    static Duration duration(JsonNode run) {
        Instant start = instant(run.path("run_started_at").asText(run.path("created_at").asText(null)));
        Instant end = instant(run.path("run_ended_at").asText(run.path("updated_at").asText(null)));
        return start == null || end == null || end.isBefore(start) ? null : Duration.between(start, end);
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String human(Duration duration) {
        long ms = duration.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %d s", ms / 60_000, (ms % 60_000) / 1000);
    }

    private static String oneLine(JsonNode error) {
        String text = error.isTextual() ? error.asText()
                : error.path("message").asText(error.path("error").asText(error.toString()));
        if (error.isObject() && error.hasNonNull("error") && error.hasNonNull("message")) {
            text = error.get("error").asText() + ": " + error.get("message").asText();
        }
        return text.replaceAll("\\s+", " ").trim();
    }

    private static String preview(JsonNode node) throws JsonProcessingException {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "(none)";
        }
        String text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        return text.length() <= OUTPUT_PREVIEW_CHARS ? text
                : text.substring(0, OUTPUT_PREVIEW_CHARS) + "\n... (" + (text.length() - OUTPUT_PREVIEW_CHARS) + " more characters in the attachment)";
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }

    private static String pretty(JsonNode node) throws JsonProcessingException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    private static void attach(Exchange exchange, String name, String json) {
        exchange.getMessage(AttachmentMessage.class).addAttachment(name,
                new DataHandler(new ByteArrayDataSource(json.getBytes(StandardCharsets.UTF_8), "application/json")));
    }
}
