package io.camellanggraph.springboot;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The langgraph component's health checks (LangGraph server reachable, callback store, webhook receiver) as one
 * Actuator indicator, {@code /actuator/health/langgraph}: DOWN when any of them is DOWN, each check's state, message
 * and details shown under its id. Secrets are not among the checks' details.
 */
public class LangGraphHealthIndicator extends AbstractHealthIndicator {

    private final CamelContext camelContext;

    public LangGraphHealthIndicator(CamelContext camelContext) {
        super("LangGraph health check failed");
        this.camelContext = camelContext;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        // the filter names the checks left out: all but the component's
        Predicate<HealthCheck> notLangGraph = check -> !check.getId().startsWith("langgraph-");
        Collection<HealthCheck.Result> results = HealthCheckHelper.invoke(camelContext, notLangGraph);
        boolean down = results.stream().anyMatch(r -> r.getState() == HealthCheck.State.DOWN);
        boolean unknown = results.isEmpty() || results.stream().anyMatch(r -> r.getState() == HealthCheck.State.UNKNOWN);
        if (down) {
            builder.down();
        } else if (unknown) {
            builder.unknown();
        } else {
            builder.up();
        }
        for (HealthCheck.Result result : results) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", result.getState().name());
            result.getMessage().ifPresent(m -> detail.put("message", m));
            result.getDetails().forEach((k, v) -> {
                if (!k.startsWith("invocation.") && !k.startsWith("failure.")) {
                    detail.put(k, String.valueOf(v));
                }
            });
            builder.withDetail(result.getCheck().getId(), detail);
        }
    }
}
