package io.camellanggraph.examples.kameletmain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.main.KameletMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example's routes and the component's Kamelets under {@link KameletMain}, as {@code camel run} runs them,
 * against the real LangGraph Python dev server the build started ({@code langgraph.url}): a run started through
 * {@code langgraph-run-action} calls back to Camel Main's HTTP server, {@code langgraph-webhook-source} emits its
 * outcome and the route writes it to the success folder; {@code /observe/health} shows the component's checks.
 */
class RunOutcomeIsRoutedUnderKameletMainIT {

    private static final Path RESULTS = Path.of("target/results");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static KameletMain main;

    @BeforeAll
    static void startKameletMain() throws Exception {
        // the instance type camel run (Camel JBang) starts KameletMain with
        main = new KameletMain("camel.jbang");
        main.addOverrideProperty("camel.component.langgraph.url", System.getProperty("langgraph.url"));
        main.addOverrideProperty("camel.component.langgraph.data-dir", "target/langgraph-data");
        main.addOverrideProperty("camel.server.port", System.getProperty("example.http.port"));
        main.addOverrideProperty("camel.management.port", System.getProperty("example.management.port"));
        main.addOverrideProperty("results.dir", RESULTS.toString());
        main.start();
    }

    @AfterAll
    static void stopKameletMain() {
        main.stop();
    }

    @Test
    void runOutcomeComesBackThroughTheKameletsAndIsRoutedToTheSuccessFolder() throws Exception {
        Exchange started = main.getCamelContext().createProducerTemplate()
                .request("direct:ask", e -> e.getMessage().setBody("{\"text\": \"from kamelet main\"}"));
        String runId = started.getMessage().getHeader("CamelLangGraphRunId", String.class);
        assertThat(runId).isNotBlank();

        Path result = RESULTS.resolve("success").resolve(runId + ".json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
        JsonNode run = MAPPER.readTree(Files.readString(result));
        assertThat(run.path("status").asText()).isEqualTo("success");
        assertThat(run.path("values").path("upper").asText()).isEqualTo("FROM KAMELET MAIN");
    }

    @Test
    void observeHealthShowsTheComponentsHealthChecks() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + System.getProperty("example.management.port")
                        + "/observe/health?exposureLevel=full&data=true")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode server = check(MAPPER.readTree(response.body()), "langgraph-server");
        assertThat(server.path("status").asText()).isEqualTo("UP");
        assertThat(server.path("data").path("version").asText()).isNotBlank();
        JsonNode store = check(MAPPER.readTree(response.body()), "langgraph-store");
        assertThat(store.path("status").asText()).isEqualTo("UP");
        assertThat(store.path("data").path("started").asText()).isEqualTo("true");
    }

    private static JsonNode check(JsonNode health, String id) {
        for (JsonNode check : health.path("checks")) {
            if (id.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no health check " + id + " in " + health);
    }
}
