package io.camellanggraph.component;

import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Builds LangGraph request bodies from endpoint options, overridden per message by {@code CamelLangGraph<Option>}
 * headers. Field names are the API's; JSON-valued options accept a JSON string, a Map or a Jackson node.
 */
final class RunRequests {

    private final LangGraphConfiguration configuration;
    private final ObjectMapper mapper;
    private final Exchange exchange;

    RunRequests(LangGraphConfiguration configuration, ObjectMapper mapper, Exchange exchange) {
        this.configuration = configuration;
        this.mapper = mapper;
        this.exchange = exchange;
    }

    /** The message being sent. */
    Message message() {
        return exchange.getMessage();
    }

    /** The option's value for this message: its header if present, else the endpoint's option. */
    String text(String option, Object configured) {
        Object header = exchange.getMessage().getHeader(headerName(option));
        Object value = header != null ? header : configured;
        return value == null ? null : value.toString();
    }

    static String headerName(String option) {
        return LangGraphConstants.HEADER_PREFIX + Character.toUpperCase(option.charAt(0)) + option.substring(1);
    }

    JsonNode json(String option, Object configured) {
        Object header = exchange.getMessage().getHeader(headerName(option));
        return toJson(header != null ? header : configured, option);
    }

    JsonNode toJson(Object value, String what) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof String text) {
            if (text.isBlank()) {
                return null;
            }
            try {
                return mapper.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("langgraph: " + what + " is not valid JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (value instanceof byte[] bytes) {
            return toJson(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), what);
        }
        return mapper.valueToTree(value);
    }

    /** The message body as the run input (JSON text, Map, or Jackson node); null when there is no body. */
    /** Run metadata: the scheduled time of the schedule tick that started the run. */
    static final String SCHEDULED_AT_METADATA = "camel_langgraph_scheduled_at";

    JsonNode input() {
        // a schedule's run-now with another input replaces what the schedule's route set as the body
        Object runNowInput = exchange.getMessage().getHeader(LangGraphConstants.SCHEDULE_INPUT);
        if (runNowInput != null) {
            return toJson(runNowInput, "the run-now input (CamelLangGraphScheduleInput)");
        }
        return toJson(exchange.getMessage().getBody(), "the message body (run input)");
    }

    /** Fields common to run creation: assistant, input or command, config, context, metadata, stream and interrupt options. */
    ObjectNode runFields(JsonNode input) {
        ObjectNode request = mapper.createObjectNode();
        String assistantId = text("assistantId", configuration.getAssistantId());
        if (assistantId == null || assistantId.isBlank()) {
            throw new IllegalArgumentException("langgraph: assistantId is required (option or CamelLangGraphAssistantId header)");
        }
        request.put("assistant_id", assistantId);
        JsonNode command = json("command", configuration.getCommand());
        if (command != null) {
            request.set("command", command);
        } else if (input != null && !input.isNull()) {
            request.set("input", input);
        }
        putJson(request, "config", "config", configuration.getConfig());
        putJson(request, "context", "context", configuration.getContext());
        ObjectNode metadata = mapper.createObjectNode();
        JsonNode configured = json("metadata", configuration.getMetadata());
        if (configured instanceof ObjectNode m) {
            metadata.setAll(m);
        }
        String scheduledAt = exchange.getMessage().getHeader(LangGraphConstants.SCHEDULED_FIRE_TIME, String.class);
        if (scheduledAt != null) {
            metadata.put(SCHEDULED_AT_METADATA, scheduledAt);
        }
        request.set("metadata", metadata);
        streamAndInterruptFields(request);
        String afterSeconds = text("afterSeconds", configuration.getAfterSeconds());
        if (afterSeconds != null) {
            request.put("after_seconds", Integer.parseInt(afterSeconds));
        }
        return request;
    }

    /** Stream, interrupt and durability fields: runs, crons and cron PATCHes all take them. */
    void streamAndInterruptFields(ObjectNode request) {
        putList(request, "stream_mode", "streamMode", configuration.getStreamMode());
        putBoolean(request, "stream_subgraphs", "streamSubgraphs", configuration.getStreamSubgraphs());
        putBoolean(request, "stream_resumable", "streamResumable", configuration.getStreamResumable());
        putList(request, "interrupt_before", "interruptBefore", configuration.getInterruptBefore());
        putList(request, "interrupt_after", "interruptAfter", configuration.getInterruptAfter());
        putText(request, "durability", "durability", configuration.getDurability());
    }

    /** Fields runs take and crons do not: feedback keys, checkpoint_during and the LangSmith tracing target. */
    void runOnlyFields(ObjectNode request) {
        putList(request, "feedback_keys", "feedbackKeys", configuration.getFeedbackKeys());
        putBoolean(request, "checkpoint_during", "checkpointDuring", configuration.getCheckpointDuring());
        // the SDKs' langsmith_tracing argument goes over the wire as langsmith_tracer
        putJson(request, "langsmith_tracer", "langsmithTracing", configuration.getLangsmithTracing());
    }

    /** Thread runs only: the checkpoint to start from instead of the thread's latest. */
    void checkpointFields(ObjectNode request) {
        putJson(request, "checkpoint", "checkpoint", configuration.getCheckpoint());
        putText(request, "checkpoint_id", "checkpointId", configuration.getCheckpointId());
    }

    void putText(ObjectNode request, String field, String option, Object configured) {
        String value = text(option, configured);
        if (value != null && !value.isBlank()) {
            request.put(field, value);
        }
    }

    void putBoolean(ObjectNode request, String field, String option, Boolean configured) {
        String value = text(option, configured);
        if (value != null) {
            request.put(field, Boolean.parseBoolean(value));
        }
    }

    void putJson(ObjectNode request, String field, String option, Object configured) {
        JsonNode value = json(option, configured);
        if (value != null) {
            request.set(field, value);
        }
    }

    /** Comma-separated option, or {@code *} (all nodes) for the interrupt options, as the API expects. */
    void putList(ObjectNode request, String field, String option, String configured) {
        String value = text(option, configured);
        if (value == null || value.isBlank()) {
            return;
        }
        if (value.equals("*")) {
            request.put(field, "*");
            return;
        }
        ArrayNode list = request.putArray(field);
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(list::add);
    }

    /** The cron-only fields: schedule, timezone, end time, enabled, run completion. */
    void cronFields(ObjectNode request) {
        putText(request, "schedule", "schedule", configuration.getSchedule());
        putText(request, "timezone", "timezone", configuration.getTimezone());
        putText(request, "end_time", "endTime", configuration.getEndTime());
        putBoolean(request, "enabled", "enabled", configuration.getEnabled());
        putText(request, "on_run_completed", "onRunCompleted", configuration.getOnRunCompleted());
    }
}
