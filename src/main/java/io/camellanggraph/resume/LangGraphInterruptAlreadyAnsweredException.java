package io.camellanggraph.resume;

/** A second answer to one interrupt, the same or another: refused, no run started. */
public class LangGraphInterruptAlreadyAnsweredException extends LangGraphResumeRefusedException {

    private final String runId;

    public LangGraphInterruptAlreadyAnsweredException(String threadId, String interruptId, String runId) {
        super(Reason.ALREADY_ANSWERED, "interrupt " + interruptId + " of thread " + threadId + " was answered already"
                + (runId == null ? "" : " (resume run " + runId + ")"));
        this.runId = runId;
    }

    /** The run the first answer started, or null while it is being started. */
    public String getRunId() {
        return runId;
    }
}
