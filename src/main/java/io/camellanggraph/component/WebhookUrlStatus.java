package io.camellanggraph.component;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.camellanggraph.client.LangGraphWebhookUrlRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the LangGraph server accepts this application's webhook URL, as its answers to run and cron creations
 * last said. A refusal is logged once per reason (with the setting that fixes it) instead of once per request, and
 * stays visible to health checks until a run or cron with a webhook is accepted again.
 */
public final class WebhookUrlStatus {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookUrlStatus.class);

    private final Set<LangGraphWebhookUrlRefusedException.Reason> logged = ConcurrentHashMap.newKeySet();
    private volatile LangGraphWebhookUrlRefusedException refusal;

    void refused(LangGraphWebhookUrlRefusedException e) {
        refusal = e;
        if (logged.add(e.getReason())) {
            LOG.error("{} (logged once until a webhook URL is accepted again)", e.getMessage());
        }
    }

    void accepted() {
        if (refusal != null) {
            refusal = null;
            logged.clear();
            LOG.info("The LangGraph server accepts this app's webhook URL again");
        }
    }

    /** The last refusal, when no webhook URL was accepted since. */
    public Optional<LangGraphWebhookUrlRefusedException> refusal() {
        return Optional.ofNullable(refusal);
    }
}
