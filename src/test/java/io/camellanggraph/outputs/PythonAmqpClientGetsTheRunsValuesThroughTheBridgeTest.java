package io.camellanggraph.outputs;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.PythonClients;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/request-reply.camel.yaml reached by a client nobody here wrote: python-qpid-proton, speaking AMQP 1.0 to the
 * embedded broker's one port, sends a request to langgraph.requests (reply to a dynamic queue, a correlation id, the
 * assistant as an application property) and gets the run of a real LangGraph server back with its values.
 */
class PythonAmqpClientGetsTheRunsValuesThroughTheBridgeTest extends OutputsTestSupport {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/request-reply.camel.yaml");
    }

    @Test
    void amqpClientGetsTheRunsValuesWithItsCorrelationId() throws Exception {
        String out = PythonClients.run("amqp_request_reply.py", List.of("amqp://127.0.0.1:" + brokerPort, "langgraph.requests",
                "echo", "{\"text\": \"over amqp\"}", "amqp-order-1", "90"), 120);

        JsonNode reply = MAPPER.readTree(out);
        assertThat(reply.path("correlation_id").asText()).isEqualTo("amqp-order-1");
        JsonNode run = MAPPER.readTree(reply.path("body").asText());
        assertThat(run.path("status").asText()).isEqualTo("success");
        assertThat(run.path("values").path("upper").asText()).isEqualTo("OVER AMQP");
        assertThat(reply.path("properties").path(LangGraphConstants.RUN_ID).asText()).isEqualTo(run.path("run_id").asText());
        assertThat(reply.path("properties").path(LangGraphConstants.RUN_STATUS).asText()).isEqualTo("success");
    }
}
