package io.camellanggraph.app.outputs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import static io.camellanggraph.app.outputs.RunJson.MAPPER;

/** The splitter of the messages output: a run's {@code values.messages}, one item per message with its role. */
public class AssistantMessages {

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
}
