package io.camellanggraph.app.outputs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camellanggraph.app.inbound.InboundMessages;
import io.camellanggraph.callback.Redaction;
import io.camellanggraph.component.LangGraphConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import static io.camellanggraph.app.outputs.RunJson.MAPPER;

/** The request-reply bridge's error reply, when no run outcome can be given. */
public class BridgeReplies {

    /**
     * The bridge's reply when no run outcome can be given (no assistant named, server unreachable, await timeout):
     * {@code {"status": "error", "error": "...", "reason": "<refusal reason, when the request was refused>"}}.
     */
    public String errorReply(Exchange exchange) throws JsonProcessingException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "unknown" : Redaction.maskUrl(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        ObjectNode reply = MAPPER.createObjectNode();
        reply.put("status", "error");
        reply.put("error", reason);
        Message in = exchange.getMessage();
        reply.put("run_id", in.getHeader(LangGraphConstants.RUN_ID, String.class));
        reply.put("assistant_id", in.getHeader(LangGraphConstants.ASSISTANT_ID, String.class));
        // a refused request (inboundMessages.refused): the reason the refused copy carries, for the client to act on
        String refused = in.getHeader(InboundMessages.JMS_REASON, in.getHeader(InboundMessages.KAFKA_REASON), String.class);
        if (refused != null) {
            reply.put("reason", refused);
        }
        in.setHeader(LangGraphConstants.RUN_STATUS, "error");
        in.setHeader(LangGraphConstants.ERROR, reason);
        return MAPPER.writeValueAsString(reply);
    }
}
