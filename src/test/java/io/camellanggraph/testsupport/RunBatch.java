package io.camellanggraph.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.callback.CallbackTokens;

/**
 * The runs app processes start for one test batch (src/test/resources/routes/run-stream.camel.yaml, outcomes routed by
 * durability.camel.yaml's {@code durable} callback): as the apps logged them, and as the server has them (found by
 * the batch in their threads' metadata). Also what outage tests ask an app process: a valid claim posted to its
 * receiver, and its readiness.
 */
public final class RunBatch {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern STARTED = Pattern.compile("Started run ([0-9a-f-]{36})");

    private final RealRuns server;
    private final String name;

    public RunBatch(String serverUrl, String prefix) {
        this.server = new RealRuns(serverUrl);
        this.name = prefix + UUID.randomUUID();
    }

    /** The batch's name, for the apps' {@code test.batch}. */
    public String name() {
        return name;
    }

    /** Ids of the runs on the server's threads that carry this batch in their metadata. */
    public List<String> onTheServer() throws Exception {
        String query = MAPPER.createObjectNode().put("limit", 1000)
                .set("metadata", MAPPER.createObjectNode().put("camel_langgraph_test", name)).toString();
        List<String> runs = new ArrayList<>();
        for (JsonNode thread : server.call("POST", "/threads/search", query)) {
            for (JsonNode run : server.call("GET", "/threads/" + thread.path("thread_id").asText() + "/runs", null)) {
                runs.add(run.path("run_id").asText());
            }
        }
        return runs;
    }

    /** How many runs the apps tried to start: logged as started or as failed. */
    public static long starts(AppProcess... apps) throws IOException {
        return started(apps).size() + startFailures(apps).size();
    }

    /** Ids of the runs the apps logged as started. */
    public static List<String> started(AppProcess... apps) throws IOException {
        List<String> runs = new ArrayList<>();
        for (AppProcess app : apps) {
            Matcher started = STARTED.matcher(app.log());
            while (started.find()) {
                runs.add(started.group(1));
            }
        }
        return runs;
    }

    /** The log lines of starts that failed. */
    public static List<String> startFailures(AppProcess... apps) throws IOException {
        List<String> failed = new ArrayList<>();
        for (AppProcess app : apps) {
            app.log().lines().filter(l -> l.contains("Start failed: ")).forEach(failed::add);
        }
        return failed;
    }

    /** The webhook a real finished run's valid callback would be, posted to the app's {@code durable} callback. */
    public static HttpResponse<String> claim(AppProcess app, RealRuns.RealRun run) {
        String url = "http://127.0.0.1:" + app.port() + "/langgraph/webhook/durable?cid=" + run.correlationId() + "&token="
                + new CallbackTokens(LangGraphTestSupport.SECRET.getBytes()).token("durable", run.correlationId());
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(run.json().toString())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status of the app's readiness check. */
    public static int ready(AppProcess app) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.managementPort() + "/observe/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
