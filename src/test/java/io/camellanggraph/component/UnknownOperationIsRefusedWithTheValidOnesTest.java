package io.camellanggraph.component;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A mistyped operation in a {@code langgraph:} URI fails when the endpoint is resolved, naming every valid operation. */
@Tag("fast")
class UnknownOperationIsRefusedWithTheValidOnesTest {

    @Test
    void mistypedOperationNamesTheValidOperations() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();

            assertThatThrownBy(() -> context.getEndpoint("langgraph:runs?assistantId=echo"))
                    .isInstanceOf(ResolveEndpointFailedException.class)
                    .hasMessageContaining("Unknown langgraph operation 'runs'")
                    .hasMessageContaining("Valid operations: run, wait, stream, batch, cron,")
                    .hasMessageContaining("webhook, schedule")
                    .hasMessageNotContaining("No enum constant");
        }
    }
}
