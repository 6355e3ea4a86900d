package io.camellanggraph.app.outputs;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.camellanggraph.callback.Redaction;
import io.camellanggraph.component.LangGraphConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import static io.camellanggraph.app.outputs.RunJson.MAPPER;

/** The dead letter channel's last step: what an output could not take, named so a repeated failure is one dead letter. */
public class DeadLetters {

    /** Exchange property naming the output an exchange is on (file, queue, messages, mail, digest, audit). */
    public static final String OUTPUT = "output";
    /** Header on dead letters: the output that failed. */
    public static final String DEAD_LETTER_OUTPUT = "LangGraphDeadLetterOutput";
    /** Header on dead letters: why (the last exception's message). */
    public static final String DEAD_LETTER_REASON = "LangGraphDeadLetterReason";
    /** Artemis' duplicate detection property: a message with an id the address has seen already is dropped. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

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
}
