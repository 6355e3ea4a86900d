package io.camellanggraph.examples.springboot;

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
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example application as Spring Boot runs it, against the real LangGraph Python dev server the build started
 * ({@code langgraph.url}): a run started from a YAML route calls back to Spring's HTTP server, and its outcome is
 * routed into the success folder; Actuator's health shows the component's health checks, also as the starter's
 * {@code langgraph} indicator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class RunOutcomeIsReceivedOnSpringsHttpServerAndRoutedIT {

    private static final Path RESULTS = Path.of("target/results");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Autowired
    private ProducerTemplate template;

    @DynamicPropertySource
    static void pointAtTheTestServer(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> System.getProperty("example.http.port"));
        registry.add("camel.component.langgraph.url", () -> System.getProperty("langgraph.url"));
        registry.add("camel.component.langgraph.data-dir", () -> "target/langgraph-data");
        registry.add("results.dir", RESULTS::toString);
    }

    @Test
    void runOutcomeComesBackByWebhookAndIsRoutedToTheSuccessFolder() throws Exception {
        Exchange started = template.request("direct:ask", e -> e.getMessage().setBody("{\"text\": \"from spring boot\"}"));
        String runId = started.getMessage().getHeader("CamelLangGraphRunId", String.class);
        assertThat(runId).isNotBlank();

        Path result = RESULTS.resolve("success").resolve(runId + ".json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
        JsonNode run = MAPPER.readTree(Files.readString(result));
        assertThat(run.path("status").asText()).isEqualTo("success");
        assertThat(run.path("values").path("upper").asText()).isEqualTo("FROM SPRING BOOT");
    }

    @Test
    void actuatorHealthShowsTheComponentsHealthChecks() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + System.getProperty("example.http.port") + "/actuator/health"))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode camel = MAPPER.readTree(response.body()).path("components").path("camelHealth").path("details");
        assertThat(camel.path("langgraph-server").asText()).as("%s", camel).isEqualTo("UP");
        assertThat(camel.path("langgraph-server.data").path("version").asText()).isNotBlank();
        assertThat(camel.path("langgraph-store").asText()).as("%s", camel).isEqualTo("UP");
        assertThat(camel.path("langgraph-store.data").path("started").asText()).isEqualTo("true");
        // the starter's own indicator: the component's checks under one name
        JsonNode langgraph = MAPPER.readTree(response.body()).path("components").path("langgraph");
        assertThat(langgraph.path("status").asText()).as("%s", langgraph).isEqualTo("UP");
        assertThat(langgraph.path("details").path("langgraph-server").path("state").asText()).isEqualTo("UP");
    }
}
