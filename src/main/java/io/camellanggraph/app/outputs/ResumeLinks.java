package io.camellanggraph.app.outputs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Adds the answer links of a run waiting at interrupts to its alert mail: per pending interrupt its question and
 * resume URL (which opens a page with the question and a form; opening it answers nothing) and the handle for an
 * answer through the decisions queue. Only the mail's recipients see them; nothing is logged.
 */
public class ResumeLinks {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Appends the "How to answer" section to the mail text in the body; a run without handles is left as it is. */
    public void appendToMail(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        String interrupts = in.getHeader(LangGraphConstants.INTERRUPTS, String.class);
        if (interrupts == null) {
            return;
        }
        StringBuilder links = new StringBuilder();
        for (JsonNode item : MAPPER.readTree(interrupts)) {
            if (!item.hasNonNull("resume_url")) {
                continue;
            }
            String question = item.path("value").path("question").asText("(no question)");
            links.append("\n* ").append(question);
            JsonNode options = item.path("value").path("options");
            if (options.isArray() && !options.isEmpty()) {
                links.append("  options: ").append(options);
            }
            links.append("\n  Answer here: ").append(item.path("resume_url").asText())
                    .append("\n  Or send the answer to the decisions queue with property ")
                    .append(LangGraphConstants.RESUME_HANDLE).append(" = ").append(item.path("resume_handle").asText())
                    .append('\n');
        }
        if (!links.isEmpty()) {
            in.setBody(in.getBody(String.class) + "\nHow to answer (each question once):\n" + links);
        }
    }
}
