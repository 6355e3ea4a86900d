package io.camellanggraph.app.outputs;

import io.camellanggraph.app.inbound.InboundMessages;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

/**
 * The beans the shipped routes use by name ({@code ref:}), bound once into the app's registry so that every route file
 * stands on its own: each does one step the YAML would spell badly.
 */
public final class OutputBeans {

    private OutputBeans() {
    }

    public static void bind(CamelContext context) {
        Registry registry = context.getRegistry();
        PropertiesComponent properties = context.getPropertiesComponent();
        OutcomeClassifier classify = new OutcomeClassifier();
        classify.setResultsQueue(properties.resolveProperty("outputs.jms.results-queue").orElse("langgraph.results"));
        classify.setFailuresQueue(properties.resolveProperty("outputs.jms.failures-queue").orElse("langgraph.failures"));
        classify.setApprovalsQueue(properties.resolveProperty("outputs.jms.approvals-queue").orElse("langgraph.approvals"));
        registry.bind("classify", classify);
        registry.bind("contentFilter", new ContentFilter());
        registry.bind("assistantMessages", new AssistantMessages());
        registry.bind("auditLines", new AuditLines());
        registry.bind("resultMails", new ResultMails());
        registry.bind("resumeLinks", new ResumeLinks());
        registry.bind("deadLetters", new DeadLetters());
        registry.bind("bridgeReplies", new BridgeReplies());
        registry.bind("threadStateMerge", new ThreadStateMerge());
        registry.bind("digestGroup", new DigestAggregationStrategy());
        InboundMessages inbound = new InboundMessages();
        inbound.setMaxBodySize(Integer.parseInt(properties.resolveProperty("outputs.inbound.max-body-size").orElse("1048576")));
        registry.bind("inboundMessages", inbound);
    }
}
