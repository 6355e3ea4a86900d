package io.camellanggraph.app.outputs;

import java.util.List;

import io.camellanggraph.component.LangGraphConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest group as the persistent repository keeps it: bodies in a list, keys in a plain header; a key the group
 * holds already (an outcome redelivered after a crash that came before its digest went out) is not added twice, and
 * the digest's id depends on its keys only, not on their order.
 */
@Tag("fast")
class DigestAggregationStrategyTest {

    private final CamelContext context = new DefaultCamelContext();
    private final DigestAggregationStrategy strategy = new DigestAggregationStrategy();

    @Test
    void redeliveredOutcomeIsNotAddedTwiceToTheGroup() {
        Exchange group = strategy.aggregate(null, outcome("run-a"));
        group = strategy.aggregate(group, outcome("run-b"));
        group = strategy.aggregate(group, outcome("run-a"));

        assertThat(group.getMessage().getBody(List.class)).containsExactly("{\"run_id\":\"run-a\"}", "{\"run_id\":\"run-b\"}");
        assertThat(group.getMessage().getHeader(DigestAggregationStrategy.KEYS)).isEqualTo("run-a,run-b");
    }

    @Test
    void digestIdDependsOnTheKeysNotOnTheirOrder() {
        Exchange ab = strategy.aggregate(strategy.aggregate(null, outcome("run-a")), outcome("run-b"));
        Exchange ba = strategy.aggregate(strategy.aggregate(null, outcome("run-b")), outcome("run-a"));
        Exchange ac = strategy.aggregate(strategy.aggregate(null, outcome("run-a")), outcome("run-c"));

        assertThat(DigestAggregationStrategy.digestId(ab)).matches("digest-[0-9a-f]{32}")
                .isEqualTo(DigestAggregationStrategy.digestId(ba)).isNotEqualTo(DigestAggregationStrategy.digestId(ac));
    }

    private Exchange outcome(String runId) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(LangGraphConstants.IDEMPOTENCY_KEY, runId);
        exchange.getMessage().setBody("{\"run_id\":\"" + runId + "\"}");
        return exchange;
    }
}
