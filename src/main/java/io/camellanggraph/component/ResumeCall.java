package io.camellanggraph.component;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.camellanggraph.resume.InterruptResumer;
import io.camellanggraph.resume.LangGraphResumeRefusedException;
import io.camellanggraph.resume.ResumeHandle;
import io.camellanggraph.store.Decision;
import org.apache.camel.Message;

/**
 * {@code to: langgraph:resume}: the body is the answer (JSON; a body that is not JSON is taken as a text answer), the
 * interrupt named by the {@code CamelLangGraphResumeHandle} header, or, on a trusted route without a handle, by the
 * {@code threadId}, {@code interruptId} and {@code callback} options of its endpoint URI (never by headers: ids a
 * message carries are claims; without a handle or those options the answer is refused as {@code MISSING_HANDLE}). The {@code command} option (or header
 * {@code CamelLangGraphCommand}) may add {@code update} and {@code goto} to the resume run's command. Answers with the decision as JSON and the resume
 * run's id in {@code CamelLangGraphRunId}; a refused answer fails the exchange with a
 * {@link io.camellanggraph.resume.LangGraphResumeRefusedException}, whose reason says why.
 */
final class ResumeCall {

    private final LangGraphEndpoint endpoint;
    private final LangGraphConfiguration configuration;
    private final ObjectMapper mapper;

    ResumeCall(LangGraphEndpoint endpoint, LangGraphConfiguration configuration, ObjectMapper mapper) {
        this.endpoint = endpoint;
        this.configuration = configuration;
        this.mapper = mapper;
    }

    void answer(Message message, RunRequests requests) throws Exception {
        endpoint.hub();
        InterruptResumer resumer = endpoint.getComponent().resumeBinding().resumer();
        String handle = message.getHeader(LangGraphConstants.RESUME_HANDLE, String.class);
        ResumeHandle target = handle != null && !handle.isBlank() ? resumer.check(handle) : trusted();
        String resumedBy = message.getHeader(LangGraphConstants.RESUMED_BY, String.class);
        // update / goto for the resume run's command, from the command option (or CamelLangGraphCommand header)
        JsonNode command = requests.json("command", configuration.getCommand());
        if (command != null && !command.isObject()) {
            throw new IllegalArgumentException("langgraph:resume: command must be a JSON object with update and/or goto");
        }
        Decision decision = resumer.answer(target, answerOf(message), resumedBy, command);
        // the handle has done its job: it does not travel on with the reply
        message.removeHeader(LangGraphConstants.RESUME_HANDLE);
        message.setBody(mapper.createObjectNode().put("thread_id", decision.threadId())
                .put("interrupt_id", decision.interruptId()).put("run_id", decision.runId()).put("callback", decision.callback())
                .toString());
        message.setHeader(LangGraphConstants.RUN_ID, decision.runId());
        message.setHeader(LangGraphConstants.THREAD_ID, decision.threadId());
        message.setHeader(LangGraphConstants.INTERRUPT_ID, decision.interruptId());
    }

    /**
     * The handle-less form: the interrupt named by the endpoint's own URI options, never by headers. A message's
     * headers (a JMS property, a Kafka header, in any spelling) are claims of whoever could publish it; only the route
     * itself may say which interrupt it answers without a handle.
     */
    private ResumeHandle trusted() {
        String threadId = configuration.getThreadId();
        String interruptId = configuration.getInterruptId();
        if (threadId == null || threadId.isBlank() || interruptId == null || interruptId.isBlank()) {
            throw new LangGraphResumeRefusedException(LangGraphResumeRefusedException.Reason.MISSING_HANDLE,
                    "langgraph:resume needs the " + LangGraphConstants.RESUME_HANDLE
                            + " header (or, on a trusted route, the threadId and interruptId options of its endpoint URI)");
        }
        String callback = configuration.getCallback();
        return new ResumeHandle(threadId, interruptId, callback == null ? "" : callback, 0);
    }

    private JsonNode answerOf(Message message) {
        String body = message.getBody(String.class);
        if (body == null || body.isBlank()) {
            throw new LangGraphResumeRefusedException(LangGraphResumeRefusedException.Reason.EMPTY_ANSWER,
                    "langgraph:resume needs the answer in the body");
        }
        try {
            return mapper.readTree(body);
        } catch (IOException notJson) {
            return TextNode.valueOf(body);
        }
    }
}
