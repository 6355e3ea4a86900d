package io.camellanggraph.app.http;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * Camel's health checks as JSON, the way Camel Main's management server answers them: {@code status} UP or DOWN (503),
 * and {@code checks} with each failing check (every check at {@code ?exposureLevel=full}), its message, its error at
 * full exposure, and its details with {@code ?data=true}. Stack traces are never served: a check's error may name
 * an internal host.
 */
final class HealthEndpoint {

    private final CamelContext context;

    HealthEndpoint(CamelContext context) {
        this.context = context;
    }

    /** {@code kind}: "" for every check, "/live" or "/ready". */
    void handle(RoutingContext ctx, String kind) {
        String level = ctx.request().getParam("exposureLevel");
        if (level == null) {
            level = HealthCheckRegistry.get(context).getExposureLevel();
        }
        boolean data = "true".equals(ctx.request().getParam("data"));
        Collection<HealthCheck.Result> results = switch (kind) {
            case "/live" -> HealthCheckHelper.invokeLiveness(context, level);
            case "/ready" -> HealthCheckHelper.invokeReadiness(context, level);
            default -> HealthCheckHelper.invoke(context, level);
        };
        boolean up = HealthCheckHelper.isResultsUp(results, "/ready".equals(kind));
        JsonObject root = new JsonObject().put("status", up ? "UP" : "DOWN");
        if (!"oneline".equals(level)) {
            JsonArray checks = new JsonArray();
            boolean full = "full".equals(level);
            for (HealthCheck.Result result : results) {
                if (full || result.getState() == HealthCheck.State.DOWN) {
                    checks.add(check(result, full, data));
                }
            }
            if (!checks.isEmpty()) {
                root.put("checks", checks);
            }
        }
        ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json").end(root.encode());
    }

    private static JsonObject check(HealthCheck.Result result, boolean full, boolean data) {
        JsonObject check = new JsonObject().put("name", result.getCheck().getId()).put("status", result.getState().name());
        if (full) {
            result.getError().ifPresent(error -> check.put("error-message", causes(error)));
        }
        result.getMessage().ifPresent(message -> check.put("message", message));
        if (data && result.getDetails() != null && !result.getDetails().isEmpty()) {
            JsonObject details = new JsonObject();
            for (Map.Entry<String, Object> detail : new TreeMap<>(result.getDetails()).entrySet()) {
                Object value = detail.getValue();
                details.put(detail.getKey(), value instanceof Number || value instanceof Boolean ? value
                        : value == null ? "" : String.valueOf(value));
            }
            check.put("data", details);
        }
        return check;
    }

    private static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (!text.isEmpty()) {
                text.append("; caused by: ");
            }
            text.append(cause.getMessage());
        }
        return text.toString();
    }
}
