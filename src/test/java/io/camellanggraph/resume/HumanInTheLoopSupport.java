package io.camellanggraph.resume;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A context with a webhook consumer collecting outcomes, and the HTTP and server look-ups the loop's tests share. */
abstract class HumanInTheLoopSupport extends LangGraphTestSupport {

    protected final List<Message> outcomes = new CopyOnWriteArrayList<>();
    protected final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The webhook consumers whose outcomes are collected. */
    protected List<String> webhooks() {
        return List.of("langgraph:webhook/approvals");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String uri : webhooks()) {
                    from(uri).process(e -> outcomes.add(e.getMessage().copy()));
                }
            }
        };
    }

    protected String start(String graph, String text) {
        return template.request("langgraph:run?assistantId=" + graph + "&threadId=new&callback=approvals",
                e -> e.getMessage().setBody("{\"text\": \"" + text + "\"}")).getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
    }

    /** The n-th outcome (1-based) routed for the thread. */
    protected Message outcome(String threadId, int n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ofThread(threadId).size() >= n);
        return ofThread(threadId).get(n - 1);
    }

    protected List<Message> ofThread(String threadId) {
        return outcomes.stream().filter(m -> threadId.equals(m.getHeader(LangGraphConstants.THREAD_ID))).toList();
    }

    protected JsonNode values(Message outcome) throws IOException {
        return mapper.readTree(outcome.getBody(String.class)).path("values");
    }

    protected JsonNode interrupts(Message outcome) throws IOException {
        return mapper.readTree(outcome.getHeader(LangGraphConstants.INTERRUPTS, String.class));
    }

    protected int runsOf(String threadId) throws Exception {
        return mapper.readTree(http.send(HttpRequest.newBuilder(URI.create(server().url() + "/threads/" + threadId + "/runs?limit=100"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body()).size();
    }

    protected HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> postJson(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The resume timeout of interrupt {@code key} passes: its expiry is moved to now (the test stands in for the clock). */
    protected static void timeoutPasses(DataSource store, String key) throws SQLException {
        try (Connection c = store.getConnection();
             PreparedStatement p = c.prepareStatement("UPDATE lg_awaiting SET expires_at = ? WHERE interrupt_key = ?")) {
            p.setLong(1, System.currentTimeMillis());
            p.setString(2, key);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
    }

    protected HttpResponse<String> delete(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> postForm(String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
