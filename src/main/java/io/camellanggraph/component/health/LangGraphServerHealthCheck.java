package io.camellanggraph.component.health;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.callback.Redaction;
import io.camellanggraph.client.LangGraphApiException;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.client.LangGraphTimeoutException;
import io.camellanggraph.client.LangGraphUnreachableException;
import io.camellanggraph.client.LangGraphWebhookUrlRefusedException;
import io.camellanggraph.component.LangGraphConfiguration;
import io.camellanggraph.component.WebhookUrlStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health of the LangGraph server the component's endpoints call by default (the component's {@code url}):
 * {@code GET /info} answers 200 within {@link #DEADLINE} (or the component's requestTimeout, if shorter), so that a
 * server gone silent shows DOWN while the health endpoint is asked, not after the ordinary calls' deadline. Details: the URL, the server's API version, its library version
 * and whether it runs crons ({@code flags.crons}). Down as well, with the setting that fixes it, while the server
 * refuses the application's webhook URL (its {@code webhooks.url} policy): a server that answers but takes no run is
 * of no use. Neither a liveness nor a readiness check (it shows in the overall health): restarting the application
 * does not bring a stopped server back, and taking it out of a load balancer would only stop the callbacks of runs
 * already on their way. It asks through the component's own {@link LangGraphClient}, so the TLS, proxy, pool and
 * timeout settings of the real calls apply to it too.
 */
public final class LangGraphServerHealthCheck extends AbstractHealthCheck {

    public static final String ID = "langgraph-server";
    static final Duration DEADLINE = Duration.ofSeconds(5);
    private final Supplier<LangGraphConfiguration> configuration;
    private final Function<LangGraphConfiguration, LangGraphClient> clients;
    private final Supplier<WebhookUrlStatus> webhookUrl;

    public LangGraphServerHealthCheck(Supplier<LangGraphConfiguration> configuration,
            Function<LangGraphConfiguration, LangGraphClient> clients, Supplier<WebhookUrlStatus> webhookUrl) {
        super("langgraph", ID);
        this.configuration = configuration;
        this.clients = clients;
        this.webhookUrl = webhookUrl;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        LangGraphConfiguration c = configuration.get();
        String url = c.getUrl() == null ? "" : c.getUrl().replaceAll("/+$", "");
        builder.detail("url", Redaction.maskUrl(url));
        if (url.isBlank()) {
            builder.down().message("no LangGraph server URL configured");
            return;
        }
        try {
            JsonNode info = clients.apply(c).info(DEADLINE);
            builder.detail("version", info.path("version").asText("unknown"));
            String library = info.path("langgraph_py_version").asText(info.path("langgraph_js_version").asText(""));
            if (!library.isEmpty()) {
                builder.detail("langgraph", library);
            }
            builder.detail("crons", info.path("flags").path("crons").asBoolean(false));
            Optional<LangGraphWebhookUrlRefusedException> refusal = webhookUrl.get().refusal();
            if (refusal.isPresent()) {
                builder.detail("webhookUrlRefused", refusal.get().getReason().name());
                builder.down().message(refusal.get().getMessage());
                return;
            }
            builder.up();
        } catch (LangGraphTimeoutException e) {
            builder.down().message(Redaction.maskUrl(String.valueOf(e.getMessage())));
        } catch (LangGraphUnreachableException e) {
            builder.down().message("LangGraph server unreachable: " + Redaction.maskUrl(String.valueOf(e.getMessage())));
        } catch (LangGraphApiException e) {
            builder.down().message("GET /info answered " + e.getStatusCode());
        } catch (RuntimeException e) {
            // no exception object in the result: its message may carry the URL, the builder's would be logged as is
            builder.down().message("LangGraph server unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + Redaction.maskUrl(e.getMessage())));
        }
    }
}
