package io.camellanggraph.client;

/** 422: the server refused the request's fields, including a webhook URL its policy does not allow. */
public class LangGraphValidationException extends LangGraphApiException {
    public LangGraphValidationException(String call, String detail) {
        super(422, call, detail);
    }
}
