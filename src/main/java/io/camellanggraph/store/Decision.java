package io.camellanggraph.store;

/**
 * A person's answer to one pending interrupt, recorded before its resume run is started.
 *
 * @param threadId      the interrupted thread
 * @param interruptId   the interrupt answered
 * @param callback      callback name the resume run's outcome is routed to
 * @param answer        the answer as JSON text
 * @param resumedBy     who answered (free text: a user, {@code resume-url}, a queue), or null
 * @param decidedAt     epoch milliseconds
 * @param correlationId the resume run's correlation id, put in its metadata before it is created, so that a restart
 *                      finds out whether the run exists already
 * @param state         {@code starting} (recorded, run not known to be created), {@code started}, or
 *                      {@code cancelled} (expired with onExpiry=cancel or route: no run, no answer taken any more)
 * @param runId         the resume run, once created
 * @param command       more of the resume run's command ({@code update}, {@code goto}) as JSON text, or null
 */
public record Decision(String threadId, String interruptId, String callback, String answer, String resumedBy,
                       long decidedAt, String correlationId, String state, String runId, String command) {

    public static final String STARTING = "starting";
    public static final String STARTED = "started";
    public static final String CANCELLED = "cancelled";

    public String key() {
        return threadId + ":" + interruptId;
    }
}
