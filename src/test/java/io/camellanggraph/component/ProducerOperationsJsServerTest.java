package io.camellanggraph.component;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.client.LangGraphApiException;
import io.camellanggraph.client.LangGraphNotSupportedException;
import io.camellanggraph.testsupport.Compatibility;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.CamelExecutionException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The JS dev server: runs work, crons are not implemented there and the component says so clearly. Each cron
 * operation's error goes into the compatibility table as the component raises it.
 */
class ProducerOperationsJsServerTest extends LangGraphTestSupport {

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.js();
    }

    @Test
    void infoSaysCronsAreOff() throws Exception {
        JsonNode info = new ObjectMapper().readTree(template.requestBody("langgraph:info", null, String.class));
        assertThat(info.path("flags").path("crons").asBoolean()).isFalse();
    }

    @Test
    void waitAnswersWithValuesOnTheJsServer() throws Exception {
        JsonNode values = new ObjectMapper().readTree(template.requestBody("langgraph:wait?assistantId=echo&threadId=new",
                "{\"text\": \"js\"}", String.class));
        assertThat(values.path("upper").asText()).isEqualTo("JS");
    }

    @Test
    void cronOperationsRaiseNotSupportedNamingTheCall() {
        assertThatThrownBy(() -> template.requestBody("langgraph:cronSearch", (Object) null))
                .cause().isInstanceOf(LangGraphNotSupportedException.class)
                .hasMessageContaining("POST /runs/crons/search")
                .hasMessageContaining("flags.crons");
        assertThatThrownBy(() -> template.requestBodyAndHeader("langgraph:cronDelete", null, LangGraphConstants.CRON_ID,
                "96332383-e456-4d76-827c-69a19330811e"))
                .cause().isInstanceOf(LangGraphNotSupportedException.class);
    }

    @Test
    void everyCronOperationIsRefusedWithTheComponentsErrorForIt() {
        String threadId = template.request("langgraph:createThread", e -> e.getMessage().setBody("{}"))
                .getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        String cronId = "96332383-e456-4d76-827c-69a19330811e";
        Map<Compatibility, ThrowingCallable> operations = new LinkedHashMap<>();
        operations.put(Compatibility.CRON_THREAD, () -> template.requestBodyAndHeader("langgraph:cron?assistantId=echo&schedule=0 3 * * *",
                "{}", LangGraphConstants.THREAD_ID, threadId));
        operations.put(Compatibility.CRON_STATELESS, () -> template.requestBody("langgraph:cron?assistantId=echo&schedule=0 3 * * *", "{}"));
        operations.put(Compatibility.CRON_SEARCH, () -> template.requestBody("langgraph:cronSearch", (Object) null));
        operations.put(Compatibility.CRON_COUNT, () -> template.requestBody("langgraph:cronCount", (Object) null));
        operations.put(Compatibility.CRON_GET, () -> template.requestBodyAndHeader("langgraph:cronGet", null, LangGraphConstants.CRON_ID, cronId));
        operations.put(Compatibility.CRON_UPDATE, () -> template.requestBodyAndHeader("langgraph:cronUpdate?enabled=false", null,
                LangGraphConstants.CRON_ID, cronId));
        operations.put(Compatibility.CRON_DELETE, () -> template.requestBodyAndHeader("langgraph:cronDelete", null,
                LangGraphConstants.CRON_ID, cronId));
        operations.forEach((row, operation) -> {
            Throwable refused = catchThrowable(operation);
            assertThat(refused).as(row.label()).isInstanceOf(CamelExecutionException.class)
                    .cause().isInstanceOf(LangGraphApiException.class);
            row.fails(server(), refused.getCause());
        });
    }
}
