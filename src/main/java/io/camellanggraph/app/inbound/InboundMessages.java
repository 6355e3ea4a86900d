package io.camellanggraph.app.inbound;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.callback.LogLimiter;
import io.camellanggraph.callback.Redaction;
import io.camellanggraph.client.LangGraphApiException;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.resume.LangGraphResumeRefusedException;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped consumers' guard ({@code #inboundMessages}): whoever can publish to a queue or topic the app reads is as
 * untrusted as the internet, so each message is checked before anything acts on it, and a message the app does not
 * take is refused with a reason instead of failing its route (which would block or retry it forever).
 * <ul>
 * <li>{@link #text}: the body as UTF-8 text, at most {@code outputs.inbound.max-body-size} bytes. A JMS message is
 * read from the raw {@code jakarta.jms.Message} (the consumers set {@code mapJmsMessage=false}): only a TextMessage or
 * a BytesMessage is read, so an ObjectMessage is never deserialized, whatever Camel's version;</li>
 * <li>{@link #request}: a run request's body is JSON and it names an assistant;</li>
 * <li>{@link #refused}: after a refusal the reason and message as headers of the channel's style; the headers whose
 * names look secret (a resume handle, an API key, a token, in any spelling), an unread or oversized body dropped;
 * counted ({@code inbound.refused.<route id>.<reason>}) and logged at a limited rate. A failure that is not the
 * message's fault (the server unreachable) is not a refusal and is left to the route.</li>
 * </ul>
 */
public class InboundMessages {

    /** Exchange property: the message was refused (true) rather than failed for a reason of the app's. */
    public static final String REFUSED = "LangGraphRefused";
    /** JMS property of a refused message: its reason. */
    public static final String JMS_REASON = "LangGraphRefusedReason";
    /** JMS property of a refused message: what was wrong, in words. */
    public static final String JMS_MESSAGE = "LangGraphRefusedMessage";
    /** Kafka header of a refused record: its reason. */
    public static final String KAFKA_REASON = "langgraph_refused_reason";
    /** Kafka header of a refused record: what was wrong, in words. */
    public static final String KAFKA_MESSAGE = "langgraph_refused_message";

    private static final Logger LOG = LoggerFactory.getLogger(InboundMessages.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LogLimiter limiter = new LogLimiter(20);
    private int maxBodySize = 1024 * 1024;

    /** The largest body taken, in bytes (UTF-8). */
    public void setMaxBodySize(int maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    /** Replaces the body by its text; refuses a body of another type, that is not UTF-8 or that is too long. */
    public void text(Exchange exchange) throws JMSException {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        String text;
        if (body instanceof jakarta.jms.Message jms) {
            text = jmsText(jms);
        } else if (body instanceof byte[] bytes) {
            text = utf8(bytes, "the record");
        } else if (body == null || body instanceof String) {
            text = (String) body;
        } else {
            throw new InboundRefusedException(InboundRefusedException.Reason.WRONG_TYPE, "a body of type "
                    + body.getClass().getSimpleName() + " is not taken");
        }
        if (text != null && text.length() > maxBodySize / 4 && text.getBytes(StandardCharsets.UTF_8).length > maxBodySize) {
            throw oversized();
        }
        in.setBody(text);
    }

    /** {@link #text}, then: the body is JSON and the request names its assistant ({@code CamelLangGraphAssistantId}). */
    public void request(Exchange exchange) throws JMSException {
        text(exchange);
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw new InboundRefusedException(InboundRefusedException.Reason.EMPTY_BODY, "a run request needs its input as JSON in the body");
        }
        try {
            MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InboundRefusedException(InboundRefusedException.Reason.NOT_JSON,
                    "the body (the run's input) is not JSON: " + e.getOriginalMessage());
        }
        String assistant = exchange.getMessage().getHeader(LangGraphConstants.ASSISTANT_ID, String.class);
        if (assistant == null || assistant.isBlank()) {
            throw new InboundRefusedException(InboundRefusedException.Reason.MISSING_ASSISTANT,
                    "the request names no assistant (assistantId: JMS property CamelLangGraphAssistantId, Kafka header langgraph_assistant_id)");
        }
    }

    /**
     * After a failure of the message's route: when it is the message's fault, sets {@link #REFUSED}, the reason and
     * message headers, drops what may not travel on, counts and logs it. Otherwise sets {@link #REFUSED} false.
     */
    public void refused(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = reasonOf(cause);
        exchange.setProperty(REFUSED, reason != null);
        if (reason == null) {
            return;
        }
        Message in = exchange.getMessage();
        if (in.getBody() instanceof jakarta.jms.Message) {
            // not read, and not to be read: the refused copy carries the properties and the reason, no body
            Message copy = new DefaultMessage(exchange);
            copy.setHeaders(in.getHeaders());
            copy.setBody("");
            exchange.setMessage(copy);
            in = copy;
        } else if (InboundRefusedException.Reason.OVERSIZED.name().equals(reason)) {
            // not copied: a body past the limit may also be past the refused destination's (a Kafka producer's 1 MiB)
            in.setBody("");
        }
        // neither a resume handle nor a credential the sender put in its headers travels on, in any spelling
        in.getHeaders().keySet().removeIf(Redaction::isSecretName);
        String text = Redaction.maskUrl(String.valueOf(cause.getMessage()));
        boolean kafka = exchange.getFromEndpoint() != null && exchange.getFromEndpoint().getEndpointUri().startsWith("kafka:");
        in.setHeader(kafka ? KAFKA_REASON : JMS_REASON, reason);
        in.setHeader(kafka ? KAFKA_MESSAGE : JMS_MESSAGE, text);
        String channel = exchange.getFromRouteId();
        exchange.getContext().getComponent("langgraph", LangGraphComponent.class).callbackHub().counters()
                .increment("inbound.refused." + channel + "." + reason);
        limiter.warn(LOG, channel + " " + reason, "Message on route {} refused ({}): {}", channel, reason, text);
    }

    /** The refusal reason of a failure that is the message's fault; null for one that is not (server unreachable). */
    static String reasonOf(Throwable cause) {
        if (cause instanceof InboundRefusedException refused) {
            return refused.getReason().name();
        }
        if (cause instanceof LangGraphResumeRefusedException refused) {
            return refused.getReason().name();
        }
        if (cause instanceof LangGraphApiException api) {
            int status = api.getStatusCode();
            if (status == 404) {
                return InboundRefusedException.Reason.NOT_FOUND.name();
            }
            return status == 400 || status == 422 ? InboundRefusedException.Reason.INVALID_REQUEST.name() : null;
        }
        // a malformed option or JSON value the message brought (e.g. langgraph:resume's command)
        return cause instanceof IllegalArgumentException ? InboundRefusedException.Reason.INVALID_REQUEST.name() : null;
    }

    private String jmsText(jakarta.jms.Message jms) throws JMSException {
        if (jms instanceof TextMessage textMessage) {
            return textMessage.getText();
        }
        if (jms instanceof BytesMessage bytesMessage) {
            long length = bytesMessage.getBodyLength();
            if (length > maxBodySize) {
                throw oversized();
            }
            byte[] bytes = new byte[(int) length];
            bytesMessage.readBytes(bytes);
            return utf8(bytes, "the BytesMessage");
        }
        throw new InboundRefusedException(InboundRefusedException.Reason.WRONG_TYPE, "a JMS " + jmsType(jms)
                + " is not taken (only text: a TextMessage or a BytesMessage of UTF-8 text)");
    }

    private static String jmsType(jakarta.jms.Message jms) {
        for (Class<?> type : new Class<?>[] {jakarta.jms.ObjectMessage.class, jakarta.jms.MapMessage.class, jakarta.jms.StreamMessage.class}) {
            if (type.isInstance(jms)) {
                return type.getSimpleName();
            }
        }
        return "Message without a body";
    }

    private String utf8(byte[] bytes, String what) {
        if (bytes.length > maxBodySize) {
            throw oversized();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InboundRefusedException(InboundRefusedException.Reason.WRONG_TYPE, what + " is not UTF-8 text");
        }
    }

    private InboundRefusedException oversized() {
        return new InboundRefusedException(InboundRefusedException.Reason.OVERSIZED, "the body is longer than " + maxBodySize + " bytes");
    }
}
