package io.camellanggraph.component;

import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.client.LangGraphClient;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Start, await and manage LangGraph Platform runs and crons, and receive their outcomes by webhook.
 */
@UriEndpoint(firstVersion = "4.18.0", scheme = "langgraph", title = "LangGraph", syntax = "langgraph:operation/name",
             category = { Category.AI }, headersClass = LangGraphConstants.class)
public class LangGraphEndpoint extends DefaultEndpoint {

    @UriPath(description = "The API call (producer), or webhook / cron / schedule (consumer).")
    @Metadata(required = true)
    private final LangGraphOperation operation;
    @UriPath(description = "webhook: the callback name to receive (none: the unnamed callback); cron: the cron's name,"
            + " which tags it on the server as owned by this app; schedule: the Quartz trigger's name"
            + " (quartz:langgraph-schedule/<name>, whose other options the schedule endpoint takes).")
    private final String name;
    @UriParam
    private final LangGraphConfiguration configuration;
    @UriParam(label = "consumer", description = "cron: delete crons this app owns that no route declares any more.")
    private boolean prune;
    @UriParam(label = "consumer", description = "cron: only print what would be created, changed or deleted; change nothing.")
    private boolean plan;
    @UriParam(label = "consumer", defaultValue = "0", javaType = "java.time.Duration", description = "webhook: how long the"
            + " resume handles of an interrupted outcome are valid, counted from when it was received; then the resume URL"
            + " answers 410, langgraph:resume refuses them and onExpiry happens (once, also after a restart and in a"
            + " cluster). 0: never.")
    private long resumeTimeout;
    @UriParam(label = "consumer", defaultValue = "route", enums = "resume,cancel,route", description = "webhook: what the"
            + " expiry of an unanswered interrupt does: resume (with onExpiryAnswer), cancel (no answer is taken any more,"
            + " nothing routed), route (the outcome routed again to this route with CamelLangGraphRunStatus=expired).")
    private String onExpiry = "route";
    @UriParam(label = "consumer", description = "webhook, onExpiry=resume: the answer an expired interrupt is resumed"
            + " with: JSON, or else a text answer (reject stands for \"reject\").")
    private String onExpiryAnswer;

    LangGraphEndpoint(String uri, LangGraphComponent component, LangGraphOperation operation, String name,
                      LangGraphConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.name = name;
        this.configuration = configuration;
    }

    @Override
    public LangGraphComponent getComponent() {
        return (LangGraphComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (operation == LangGraphOperation.webhook) {
            throw new IllegalArgumentException("langgraph:webhook is a consumer (from); to start a run use langgraph:run");
        }
        return new LangGraphProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = switch (operation) {
            case webhook -> new LangGraphWebhookConsumer(this, processor, name == null ? "" : name);
            case cron -> {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("a cron consumer needs a name: from(langgraph:cron/<name>?...)");
                }
                yield new LangGraphCronConsumer(this, processor);
            }
            default -> throw new IllegalArgumentException("langgraph:" + operation + " is a producer (to); consumers are"
                    + " langgraph:webhook[/name] and langgraph:cron/<name>");
        };
        configureConsumer(consumer);
        return consumer;
    }

    public LangGraphClient client() {
        return getComponent().client(configuration);
    }

    public CallbackHub hub() throws Exception {
        return getComponent().callbackHub();
    }

    public LangGraphOperation getOperation() {
        return operation;
    }

    public String getName() {
        return name;
    }

    public LangGraphConfiguration getConfiguration() {
        return configuration;
    }

    public boolean isPrune() {
        return prune;
    }

    public void setPrune(boolean prune) {
        this.prune = prune;
    }

    public long getResumeTimeout() {
        return resumeTimeout;
    }

    public void setResumeTimeout(long resumeTimeout) {
        this.resumeTimeout = resumeTimeout;
    }

    public String getOnExpiry() {
        return onExpiry;
    }

    public void setOnExpiry(String onExpiry) {
        this.onExpiry = onExpiry;
    }

    public String getOnExpiryAnswer() {
        return onExpiryAnswer;
    }

    public void setOnExpiryAnswer(String onExpiryAnswer) {
        this.onExpiryAnswer = onExpiryAnswer;
    }

    /** What an unanswered interrupt of this webhook endpoint's outcomes does when it expires. */
    io.camellanggraph.resume.ExpiryPolicy expiryPolicy() {
        return new io.camellanggraph.resume.ExpiryPolicy(resumeTimeout, io.camellanggraph.store.ExpiryAction.of(onExpiry), onExpiryAnswer);
    }

    public boolean isPlan() {
        return plan;
    }

    public void setPlan(boolean plan) {
        this.plan = plan;
    }
}
