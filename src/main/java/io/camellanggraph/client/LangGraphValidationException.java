package io.camellanggraph.client;

/**
 * 422: the server refused the request's fields. A webhook URL its policy does not allow is the subclass
 * {@link LangGraphWebhookUrlRefusedException}.
 */
public class LangGraphValidationException extends LangGraphApiException {
    public LangGraphValidationException(String call, String detail) {
        super(422, call, detail);
    }

    protected LangGraphValidationException(String call, String detail, String message) {
        super(422, call, detail, message);
    }
}
