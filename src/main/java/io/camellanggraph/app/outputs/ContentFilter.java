package io.camellanggraph.app.outputs;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.callback.Redaction;

import static io.camellanggraph.app.outputs.RunJson.MAPPER;

/** The results route's content filter: nothing secret goes further than the route's first step. */
public class ContentFilter {

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

    /**
     * The content filter's headers: every header whose name looks like a credential ({@link Redaction}'s one list) is
     * dropped; a run's resume handles stay for the outputs meant for people, whose endpoints ask for them.
     */
    public void removeSecretHeaders(org.apache.camel.Message message) {
        message.getHeaders().keySet().removeIf(Redaction::isCredentialName);
    }

    public static JsonNode strip(JsonNode node) {
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
}
