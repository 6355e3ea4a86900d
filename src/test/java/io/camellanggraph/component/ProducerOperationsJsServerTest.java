package io.camellanggraph.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.client.LangGraphNotSupportedException;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JS dev server: runs work, crons are not implemented there and the component says so clearly. */
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
}
