package io.camellanggraph.client;

/** 409: typically a busy thread refusing a run under {@code multitask_strategy=reject}. */
public class LangGraphConflictException extends LangGraphApiException {
    public LangGraphConflictException(String call, String detail) {
        super(409, call, detail);
    }
}
