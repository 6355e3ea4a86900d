package io.camellanggraph.client;

/** 404: the thread, run, assistant or cron does not exist on the server. */
public class LangGraphNotFoundException extends LangGraphApiException {
    public LangGraphNotFoundException(String call, String detail) {
        super(404, call, detail);
    }
}
