package io.camellanggraph.component.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.callback.Redaction;
import io.camellanggraph.client.LangGraphWebhookUrlRefusedException;
import io.camellanggraph.component.LangGraphConfiguration;
import io.camellanggraph.component.WebhookUrlStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health of the LangGraph server the component's endpoints call by default (the component's {@code url}):
 * {@code GET /info} answers 200 within a few seconds. Details: the URL, the server's API version, its library version
 * and whether it runs crons ({@code flags.crons}). Down as well, with the setting that fixes it, while the server
 * refuses the application's webhook URL (its {@code webhooks.url} policy): a server that answers but takes no run is
 * of no use. Neither a liveness nor a readiness check (it shows in the overall health): restarting the application
 * does not bring a stopped server back, and taking it out of a load balancer would only stop the callbacks of runs
 * already on their way.
 */
public final class LangGraphServerHealthCheck extends AbstractHealthCheck {

    public static final String ID = "langgraph-server";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Supplier<LangGraphConfiguration> configuration;
    private final Supplier<WebhookUrlStatus> webhookUrl;
    private final ObjectMapper mapper = new ObjectMapper();
    // created on the first call, not with the check: building an HttpClient costs a noticeable part of a route start
    private HttpClient http;

    public LangGraphServerHealthCheck(Supplier<LangGraphConfiguration> configuration, Supplier<WebhookUrlStatus> webhookUrl) {
        super("langgraph", ID);
        this.configuration = configuration;
        this.webhookUrl = webhookUrl;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            // HTTP/1.1: the dev servers answer an h2c upgrade request wrongly (docs/real-servers.md)
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        }
        return http;
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
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/info")).timeout(TIMEOUT).GET();
            if (c.getApiKey() != null && !c.getApiKey().isBlank()) {
                request.header("x-api-key", c.getApiKey());
            }
            HttpResponse<String> response = http().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                builder.down().message("GET /info answered " + response.statusCode());
                return;
            }
            JsonNode info = mapper.readTree(response.body());
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down().message("interrupted");
        } catch (Exception e) {
            // no exception object in the result: its message may carry the URL, the builder's would be logged as is
            builder.down().message("LangGraph server unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + Redaction.maskUrl(e.getMessage())));
        }
    }
}
