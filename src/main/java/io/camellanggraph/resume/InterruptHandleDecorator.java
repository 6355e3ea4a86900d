package io.camellanggraph.resume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Gives each pending interrupt of a routed outcome its resume handle and URL. The expiry counts from when the outcome
 * was received, so a redelivery of the same outcome carries a handle with the same expiry.
 */
public final class InterruptHandleDecorator {

    private final ResumeHandleSigner handles;
    private final String resumeUrl;

    /** @param resumeUrl the resume URL without the handle: {@code <webhook base URL><resumePath>} */
    public InterruptHandleDecorator(ResumeHandleSigner handles, String resumeUrl) {
        this.handles = handles;
        this.resumeUrl = resumeUrl.endsWith("/") ? resumeUrl.substring(0, resumeUrl.length() - 1) : resumeUrl;
    }

    /**
     * A copy of {@code interrupts} whose items with an id gain {@code resume_handle} and {@code resume_url}; items
     * without one ({@code interrupt_before} node names) are kept as they are.
     */
    public ArrayNode decorate(JsonNode interrupts, String threadId, String callback, long expiresAt) {
        ArrayNode decorated = JsonNodeFactory.instance.arrayNode();
        for (JsonNode interrupt : interrupts) {
            String id = interrupt.path("id").asText(null);
            if (interrupt instanceof ObjectNode item && id != null && threadId != null) {
                String handle = handles.issue(new ResumeHandle(threadId, id, callback, expiresAt));
                decorated.add(item.deepCopy().put("resume_handle", handle).put("resume_url", url(handle)));
            } else {
                decorated.add(interrupt);
            }
        }
        return decorated;
    }

    public String url(String handle) {
        return resumeUrl + "/" + handle;
    }
}
