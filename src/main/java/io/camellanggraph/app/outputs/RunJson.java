package io.camellanggraph.app.outputs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.camel.Exchange;
import org.apache.camel.attachment.AttachmentMessage;

/** Reading a run's JSON for people: its graph, duration, error line, previews and attachments (the outputs' beans share it). */
final class RunJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int OUTPUT_PREVIEW_CHARS = 4000;

    private RunJson() {
    }

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

    static String oneLine(JsonNode error) {
        String text = error.isTextual() ? error.asText()
                : error.path("message").asText(error.path("error").asText(error.toString()));
        if (error.isObject() && error.hasNonNull("error") && error.hasNonNull("message")) {
            text = error.get("error").asText() + ": " + error.get("message").asText();
        }
        return text.replaceAll("\\s+", " ").trim();
    }

    static String preview(JsonNode node) throws JsonProcessingException {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "(none)";
        }
        String text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        return text.length() <= OUTPUT_PREVIEW_CHARS ? text
                : text.substring(0, OUTPUT_PREVIEW_CHARS) + "\n... (" + (text.length() - OUTPUT_PREVIEW_CHARS) + " more characters in the attachment)";
    }

    static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }

    static String pretty(JsonNode node) throws JsonProcessingException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    static void attach(Exchange exchange, String name, String json) {
        exchange.getMessage(AttachmentMessage.class).addAttachment(name,
                new DataHandler(new ByteArrayDataSource(json.getBytes(StandardCharsets.UTF_8), "application/json")));
    }
}
