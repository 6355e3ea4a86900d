package io.camellanggraph.callback;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The receiver's streaming read of a claim's key fields: what it takes, and every body it must still refuse. */
@Tag("fast")
class ClaimFieldsAreReadWithoutATreeTest {

    private static final JsonFactory JSON = new JsonFactory();

    private static ClaimFields read(String body) throws ClaimFields.NotAClaim {
        return ClaimFields.read(JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void runIdAndStatusOfARealWebhookCaptureAreRead() throws Exception {
        byte[] capture = Files.readAllBytes(Path.of("src/test/resources/webhook-captures/js-dev-server-1.5.1/run-success.json"));
        ClaimFields fields = ClaimFields.read(JSON, capture);
        // the capture repeats its run id inside kwargs: only the top-level one counts
        assertThat(fields.runId()).isEqualTo("01a21c17-b55e-73ee-b120-cfab3d1dedbb");
        assertThat(fields.status()).isEqualTo("success");
    }

    @Test
    void nestedFieldsOfTheSameNameDoNotCount() throws Exception {
        ClaimFields fields = read("{\"kwargs\": {\"run_id\": \"inner\", \"status\": 3}, \"status\": \"error\"}");
        assertThat(fields.runId()).isNull();
        assertThat(fields.status()).isEqualTo("error");
    }

    @Test
    void aCutDownBodyNamesNoRun() throws Exception {
        assertThat(read("{}")).isEqualTo(new ClaimFields(null, null));
        assertThat(read("{\"run_id\": \"  \", \"status\": null}")).isEqualTo(new ClaimFields(null, null));
    }

    @Test
    void anythingButAnObjectWithTextRunIdAndStatusIsRefused() {
        for (String body : new String[] {"[]", "\"run\"", "42", "{\"run_id\": 42}", "{\"status\": {\"a\": 1}}",
                "{\"run_id\": [\"x\"]}"}) {
            assertThatThrownBy(() -> read(body)).as(body).isInstanceOf(ClaimFields.NotAClaim.class)
                    .hasMessageContaining("not a LangGraph run");
        }
    }

    @Test
    void malformedJsonIsRefusedEvenWhereOnlySkipped() {
        for (String body : new String[] {"{\"run_id\": \"r\"", "{\"values\": {\"a\": }, \"run_id\": \"r\"}",
                "{\"run_id\": \"r\"} trailing", "not json"}) {
            assertThatThrownBy(() -> read(body)).as(body).isInstanceOf(ClaimFields.NotAClaim.class);
        }
    }
}
