package io.camellanggraph.component;

import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.camellanggraph.callback.CallbackDelivery;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.resume.InterruptHandles;
import io.camellanggraph.resume.InterruptResumer;
import io.camellanggraph.resume.ResumeHandles;
import io.camellanggraph.resume.ResumePage;
import io.camellanggraph.store.DecisionStore;
import io.camellanggraph.store.JdbcCallbackStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The component's human-in-the-loop parts: the resume URL on platform-http (bound with the webhook receiver, answering
 * 503 until the callback path runs), the {@link InterruptResumer} started with the callback path, and the handles put on
 * interrupted outcomes.
 */
final class ResumeDesk {

    private final ReceiverBinding page;
    private volatile InterruptResumer resumer;
    private volatile InterruptHandles handles;

    ResumeDesk(CamelContext context, String resumePath, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.page = new ReceiverBinding(context, resumePath, new ResumePage(() -> resumer, resumePath, mapper));
    }

    void bind() throws Exception {
        page.bind();
    }

    /** With the callback path: the decisions in the same database, the handles keyed from the same secret. */
    void start(CallbackHub hub, JdbcCallbackStore store, byte[] secret, String resumeUrl, long resumeTimeout,
               ScheduledExecutorService timer, long leaseMillis) throws Exception {
        ResumeHandles keys = new ResumeHandles(secret);
        handles = new InterruptHandles(keys, resumeUrl, resumeTimeout);
        InterruptResumer created = new InterruptResumer(hub, new DecisionStore(store.dataSource()), keys, timer, leaseMillis);
        ServiceHelper.startService(created);
        resumer = created;
        page.bind();
    }

    void stop() {
        ServiceHelper.stopService(resumer);
        resumer = null;
    }

    InterruptResumer resumer() {
        if (resumer == null) {
            throw new IllegalStateException("langgraph: the callback path has not started");
        }
        return resumer;
    }

    /** Each pending interrupt of an outcome gains its handle and URL; exactly one also gets the single-interrupt headers. */
    void decorate(Message message, CallbackDelivery delivery) {
        JsonNode interrupts = delivery.interrupts();
        if (interrupts == null || handles == null) {
            return;
        }
        ArrayNode decorated = handles.decorate(interrupts, delivery.run().threadId(), delivery.entry().callback(),
                delivery.entry().receivedAt());
        message.setHeader(LangGraphConstants.INTERRUPTS, decorated.toString());
        JsonNode withHandle = null;
        int count = 0;
        for (JsonNode item : decorated) {
            if (item.has("resume_handle")) {
                withHandle = item;
                count++;
            }
        }
        if (count == 1) {
            message.setHeader(LangGraphConstants.RESUME_HANDLE, withHandle.path("resume_handle").asText());
            message.setHeader(LangGraphConstants.RESUME_URL, withHandle.path("resume_url").asText());
        }
    }
}
