package io.camellanggraph.app;

import java.util.Locale;
import java.util.Set;

import io.camellanggraph.callback.Redaction;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsHeaderFilterStrategy;

/**
 * camel-jms drops every {@code Camel*} header both ways; this strategy makes the run's identity part of the JMS
 * message contract, and treats every property that comes in as a claim of whoever could publish it:
 * <ul>
 * <li>out: every {@code CamelLangGraph*} header (run id, thread id, assistant id, status, callback, source,
 * interrupted, error, run ended at, ...) travels as a JMS property of the same name, unless its name looks secret
 * or it carries a resume handle ({@code CamelLangGraphResumeHandle}, {@code CamelLangGraphResumeUrl},
 * {@code CamelLangGraphInterrupts} of an interrupted outcome). A channel meant for people (the approvals queue) asks
 * for those on its endpoint: {@code headerFilterStrategy=#class:io.camellanggraph.app.LangGraphJmsHeaderFilterStrategy(true)};</li>
 * <li>in: of the reserved names ({@code Camel*}, {@code org.apache.camel*}, the app's own {@code LangGraph*} and
 * {@code langgraph_*}, compared without regard to case, as the exchange's headers are) only
 * {@code CamelLangGraphAssistantId} and {@code CamelLangGraphThreadId} (the request-reply bridge's request headers) and
 * {@code CamelLangGraphResumeHandle} and {@code CamelLangGraphResumedBy} (a decision's) are taken from a JMS message,
 * so a JMS client cannot set producer options (a webhook URL, an interrupt id), Camel's own headers (a destination
 * override) or the app's markers in any spelling. A case variant of an allowed name is the allowed header itself.</li>
 * </ul>
 * All other headers are filtered exactly as camel-jms does by default, which lets Artemis' duplicate id
 * {@code _AMQ_DUPL_ID} out as the JMS property it is (set by the shipped routes to the outcome's idempotency key).
 */
public class LangGraphJmsHeaderFilterStrategy extends JmsHeaderFilterStrategy {

    public static final String PREFIX = "CamelLangGraph";
    /** Request headers a JMS client may set (compared without regard to case). */
    public static final Set<String> INBOUND = Set.of("camellanggraphassistantid", "camellanggraphthreadid",
            "camellanggraphresumehandle", "camellanggraphresumedby");
    /** Names no message from outside may set unless allowed by name: Camel's and the app's own, in any case. */
    private static final String[] RESERVED_PREFIXES = {"camel", "org.apache.camel", "langgraph"};

    private final boolean resumeLinks;

    /** The strategy of every JMS endpoint of the app: resume handles stay in the app. */
    public LangGraphJmsHeaderFilterStrategy() {
        this(false);
    }

    /** @param resumeLinks whether resume handles and URLs may go out (only for a channel meant for people) */
    public LangGraphJmsHeaderFilterStrategy(boolean resumeLinks) {
        this.resumeLinks = resumeLinks;
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        if (startsWithIgnoreCase(headerName, PREFIX)) {
            return Redaction.isSecretName(headerName) && !(resumeLinks && Redaction.isResumeCapabilityName(headerName))
                    || !resumeLinks && Redaction.carriesResumeHandle(headerValue);
        }
        return super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        if (isReserved(headerName)) {
            return !INBOUND.contains(headerName.toLowerCase(Locale.ROOT));
        }
        return super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }

    /** A name in Camel's or the app's own namespace, in any spelling. */
    static boolean isReserved(String name) {
        for (String prefix : RESERVED_PREFIXES) {
            if (startsWithIgnoreCase(name, prefix)) {
                return true;
            }
        }
        return false;
    }

    static boolean startsWithIgnoreCase(String name, String prefix) {
        return name.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
