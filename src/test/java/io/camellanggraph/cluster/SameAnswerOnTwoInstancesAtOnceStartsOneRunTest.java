package io.camellanggraph.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.PostgresServer;
import io.camellanggraph.testsupport.TestDirs;
import io.camellanggraph.testsupport.YamlApp;
import org.apache.camel.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one PostgreSQL store (a cluster): one interrupt's resume URL answered on both at the same moment
 * starts exactly one resume run; one answer gets 202, the other 409 from the shared store's decision (it never reaches
 * the server), and the resumed outcome is routed once.
 */
class SameAnswerOnTwoInstancesAtOnceStartsOneRunTest {

    private static final String ROUTE = """
        - route:
            from:
              uri: "langgraph:webhook/approvals"
              steps:
                - process:
                    ref: collect-outcomes
        """;

    private final LangGraphServer server = LangGraphServer.python();
    private final String store = PostgresServer.shared().newDatabase("resume_cluster");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<YamlApp> apps = new ArrayList<>();

    private YamlApp instance(String name) throws Exception {
        YamlApp app = new YamlApp(server, LangGraphTestSupport.freePort(), TestDirs.create(name));
        app.langgraph().setStoreUrl(store);
        app.langgraph().setStoreUser(PostgresServer.USER);
        app.langgraph().setStorePassword(PostgresServer.PASSWORD);
        apps.add(app);
        return app.routes(ROUTE).start();
    }

    @AfterEach
    void stop() {
        apps.forEach(YamlApp::close);
    }

    private List<Message> ofThread(String thread) {
        return apps.stream().flatMap(a -> a.collected("outcomes").stream())
                .filter(m -> thread.equals(m.getHeader(LangGraphConstants.THREAD_ID))).toList();
    }

    private CompletableFuture<HttpResponse<String>> answer(String url) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("\"approve\"")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sameInterruptAnsweredOnBothInstancesAtOnceStartsOneRun() throws Exception {
        YamlApp a = instance("resume-cluster-a-");
        YamlApp b = instance("resume-cluster-b-");
        String thread = a.context().createProducerTemplate().request("langgraph:run?assistantId=approval&threadId=new&callback=approvals",
                e -> e.getMessage().setBody("{\"text\": \"twice at once\"}")).getMessage().getHeader(LangGraphConstants.THREAD_ID, String.class);
        Message asked = await().atMost(Duration.ofSeconds(60)).until(() -> ofThread(thread), l -> !l.isEmpty()).get(0);
        String url = asked.getHeader(LangGraphConstants.RESUME_URL, String.class);
        String onB = url.replace(a.baseUrl(), b.baseUrl());
        assertThat(onB).isNotEqualTo(url);

        List<HttpResponse<String>> answers = List.of(answer(url), answer(onB)).stream().map(CompletableFuture::join)
                .sorted(java.util.Comparator.comparingInt(HttpResponse::statusCode)).toList();
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(202, 409);
        // the store's one decision per interrupt refused the second answer before it reached the server: the server's
        // own multitask_strategy=reject would refuse a second resume run too, but that is not the app's guarantee
        assertThat(answers.get(1).body()).as("refused by the shared store, not by the server")
                .isIn("{\"status\":\"answered already\"}", "{\"status\":\"no longer waiting for an answer\"}");

        await().atMost(Duration.ofSeconds(60)).until(() -> ofThread(thread).size() == 2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> ofThread(thread).size() == 2);
        int runs = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/threads/" + thread + "/runs"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body()).size();
        assertThat(runs).as("one resume run").isEqualTo(2);
    }
}
