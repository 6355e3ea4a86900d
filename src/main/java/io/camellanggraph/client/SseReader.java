package io.camellanggraph.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a {@code text/event-stream} answer of {@code /runs/stream} into ordered events, following the SSE
 * framing rules the LangGraph servers use: {@code event:} and {@code data:} lines, blank line ends an event,
 * several {@code data:} lines are joined by newlines, comment lines ({@code :}) are keep-alives.
 */
final class SseReader {

    private final ObjectMapper mapper;

    SseReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    StreamResult read(BufferedReader reader, String call) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        String runId = null;
        JsonNode values = null;
        String event = null;
        StringBuilder data = new StringBuilder();
        String line;
        while (true) {
            line = reader.readLine();
            if (line == null || line.isEmpty()) {
                if (event != null || data.length() > 0) {
                    SseEvent parsed = new SseEvent(event == null ? "message" : event, parseData(data.toString()));
                    events.add(parsed);
                    switch (parsed.event()) {
                        case "metadata" -> runId = parsed.data().path("run_id").asText(runId);
                        case "values" -> values = parsed.data();
                        case "error" -> throw new LangGraphRunFailedException(call, parsed.data());
                        default -> {
                            // other stream modes (updates, messages, custom, debug) are kept as events only
                        }
                    }
                }
                if (line == null) {
                    break;
                }
                event = null;
                data.setLength(0);
            } else if (line.startsWith(":")) {
                continue;
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }
        return new StreamResult(runId, List.copyOf(events), values);
    }

    private JsonNode parseData(String data) throws IOException {
        if (data.isBlank()) {
            return mapper.nullNode();
        }
        return mapper.readTree(data);
    }
}
