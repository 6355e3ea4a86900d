package io.camellanggraph.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The LangGraph Platform API, one method per call. Knows HTTP and JSON only; request bodies are the API's
 * own JSON (snake_case fields) so every field the server accepts can be sent. Thread-safe: one instance
 * serves all endpoints of a component over one pooled HTTP client.
 *
 * <p>Every call has a deadline ({@link CallTimeouts}): a connect timeout, a limit on silence, and a total after which
 * the call is cancelled (by {@code deadlines}, a timer that only aborts connections); past any of them it fails with a
 * {@link LangGraphTimeoutException}. The calls that last as long as a run (wait, stream, join, cancel and wait) have
 * {@link CallTimeouts#runWait()} as both.
 *
 * <p>Longer than 300 lines because it is the API's one list of calls: one short method per endpoint of the LangGraph
 * server, read side by side with the API reference; the HTTP mechanics are in its private helpers below them.
 */
public class LangGraphClient {

    private final CloseableHttpClient http;
    private final String baseUrl;
    private final String apiKey;
    private final ObjectMapper mapper;
    private final SseReader sse;
    private final ScheduledExecutorService deadlines;
    private final Limit ordinary;
    private final Limit runLong;

    public LangGraphClient(CloseableHttpClient http, String baseUrl, String apiKey, ObjectMapper mapper, CallTimeouts timeouts,
                           ScheduledExecutorService deadlines) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.mapper = mapper;
        this.sse = new SseReader(mapper);
        this.deadlines = deadlines;
        this.ordinary = new Limit(timeouts.connect(), timeouts.response(), "responseTimeout", timeouts.total(), "requestTimeout");
        this.runLong = new Limit(timeouts.connect(), timeouts.runWait(), "waitTimeout", timeouts.runWait(), "waitTimeout");
    }

    public String baseUrl() {
        return baseUrl;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    // ---- runs ----

    /** Background run; {@code threadId == null} is a stateless run. */
    public Run createRun(String threadId, ObjectNode request) {
        return Run.of(call("POST", runsPath(threadId), request));
    }

    /** Waits for the run and returns its final values; a failed run raises {@link LangGraphRunFailedException}. */
    public JsonNode waitRun(String threadId, ObjectNode request) {
        String path = runsPath(threadId) + "/wait";
        JsonNode values = call("POST", path, request, runLong);
        if (values != null && values.has("__error__")) {
            throw new LangGraphRunFailedException("POST " + path, values.get("__error__"));
        }
        return values;
    }

    public StreamResult streamRun(String threadId, ObjectNode request) {
        String path = runsPath(threadId) + "/stream";
        return execute("POST", path, request, runLong, response -> {
            try (InputStream in = response.getEntity().getContent();
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return sse.read(reader, "POST " + path);
            }
        });
    }

    public List<Run> createBatch(ArrayNode requests) {
        JsonNode answer = call("POST", "/runs/batch", requests);
        List<Run> runs = new ArrayList<>();
        answer.forEach(node -> runs.add(Run.of(node)));
        return runs;
    }

    public Run getRun(String threadId, String runId) {
        return Run.of(call("GET", "/threads/" + threadId + "/runs/" + runId, null));
    }

    /** Blocks until the run ends and returns the thread's final values. */
    public JsonNode joinRun(String threadId, String runId) {
        return call("GET", "/threads/" + threadId + "/runs/" + runId + "/join", null, runLong);
    }

    /** {@code action} is {@code interrupt} or {@code rollback}. */
    public void cancelRun(String threadId, String runId, String action, boolean wait) {
        call("POST", "/threads/" + threadId + "/runs/" + runId + "/cancel?wait=" + wait + "&action=" + encode(action), null,
                wait ? runLong : ordinary);
    }

    // ---- threads ----

    public JsonNode createThread(ObjectNode request) {
        return call("POST", "/threads", request == null ? mapper.createObjectNode() : request);
    }

    public JsonNode getThread(String threadId) {
        return call("GET", "/threads/" + threadId, null);
    }

    public JsonNode getThreadState(String threadId) {
        return call("GET", "/threads/" + threadId + "/state", null);
    }

    /** {@code POST /threads/search}: threads whose metadata contains {@code query.metadata}, newest first. */
    public List<JsonNode> searchThreads(ObjectNode query) {
        List<JsonNode> threads = new ArrayList<>();
        call("POST", "/threads/search", query).forEach(threads::add);
        return threads;
    }

    /** {@code GET /threads/{id}/runs}: the thread's runs, newest first. */
    public List<Run> listRuns(String threadId, int limit) {
        List<Run> runs = new ArrayList<>();
        call("GET", "/threads/" + threadId + "/runs?limit=" + limit, null).forEach(run -> runs.add(Run.of(run)));
        return runs;
    }

    public void deleteThread(String threadId) {
        call("DELETE", "/threads/" + threadId, null);
    }

    // ---- crons ----

    /** A thread cron when {@code threadId} is given, a stateless cron otherwise. */
    public JsonNode createCron(String threadId, ObjectNode request) {
        return call("POST", threadId == null ? "/runs/crons" : "/threads/" + threadId + "/runs/crons", request);
    }

    public List<JsonNode> searchCrons(ObjectNode query) {
        JsonNode answer = call("POST", "/runs/crons/search", query);
        List<JsonNode> crons = new ArrayList<>();
        answer.forEach(crons::add);
        return crons;
    }

    public JsonNode getCron(String cronId) {
        return call("GET", "/runs/crons/" + cronId, null);
    }

    public JsonNode updateCron(String cronId, ObjectNode patch) {
        return call("PATCH", "/runs/crons/" + cronId, patch);
    }

    public void deleteCron(String cronId) {
        call("DELETE", "/runs/crons/" + cronId, null);
    }

    public int countCrons(ObjectNode query) {
        return call("POST", "/runs/crons/count", query).asInt();
    }

    // ---- server ----

    /** {@code GET /info}: server version and feature flags ({@code flags.crons}). */
    public JsonNode info() {
        return call("GET", "/info", null);
    }

    /** {@code GET /info} answered within {@code within} (or the ordinary deadline, if shorter): the health check's. */
    public JsonNode info(Duration within) {
        Limit limit = within.compareTo(ordinary.total) >= 0 ? ordinary
                : new Limit(min(ordinary.connect, within), min(ordinary.silence, within), "the health check's deadline",
                within, "the health check's deadline");
        return call("GET", "/info", null, limit);
    }

    // ---- plumbing ----

    private static String runsPath(String threadId) {
        return threadId == null ? "/runs" : "/threads/" + threadId + "/runs";
    }

    private JsonNode call(String method, String path, JsonNode body) {
        return call(method, path, body, ordinary);
    }

    private JsonNode call(String method, String path, JsonNode body, Limit limit) {
        return execute(method, path, body, limit, response -> {
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                return mapper.nullNode();
            }
            // Jackson skips the keep-alive newlines /wait sends before its JSON
            String text = readText(entity);
            return text.isBlank() ? mapper.nullNode() : mapper.readTree(text);
        });
    }

    private interface ResponseReader<T> {
        T read(ClassicHttpResponse response) throws IOException;
    }

    private <T> T execute(String method, String path, JsonNode body, Limit limit, ResponseReader<T> reader) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, java.net.URI.create(baseUrl + path));
        request.setConfig(limit.config);
        request.setHeader("Accept", "application/json");
        if (apiKey != null && !apiKey.isBlank()) {
            request.setHeader("x-api-key", apiKey);
        }
        if (body != null) {
            try {
                request.setEntity(new StringEntity(mapper.writeValueAsString(body), ContentType.APPLICATION_JSON));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String call = method + " " + stripQuery(path);
        // the total deadline: HttpClient's own timeouts bound each wait (connect, silence), not the call as a whole
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            late.set(true);
            request.cancel();
        }, limit.total.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return http.execute(request, response -> {
                int status = response.getCode();
                if (status >= 300) {
                    String text = response.getEntity() == null ? "" : readText(response.getEntity());
                    throw LangGraphApiException.of(status, call, detailOf(text));
                }
                return reader.read(response);
            });
        } catch (IOException e) {
            if (late.get()) {
                throw new LangGraphTimeoutException(call, baseUrl, seconds(limit.total) + " (" + limit.totalSetting + ")", e);
            }
            if (e instanceof ConnectTimeoutException) {
                throw new LangGraphTimeoutException(call, baseUrl, seconds(limit.connect) + " (connectTimeout)", e);
            }
            if (e instanceof SocketTimeoutException) {
                throw new LangGraphTimeoutException(call, baseUrl, seconds(limit.silence) + " (" + limit.silenceSetting + ")", e);
            }
            throw new LangGraphUnreachableException(call, baseUrl, e);
        } finally {
            deadline.cancel(false);
        }
    }

    /** The deadlines of one kind of call, and the settings that give them (named in the timeout's message). */
    private static final class Limit {
        final Duration connect;
        final Duration silence;
        final String silenceSetting;
        final Duration total;
        final String totalSetting;
        final RequestConfig config;

        // the connect timeout per request: the connection pool is camel-http's, shared, and its settings are not ours
        @SuppressWarnings("deprecation")
        Limit(Duration connect, Duration silence, String silenceSetting, Duration total, String totalSetting) {
            this.connect = connect;
            this.silence = silence;
            this.silenceSetting = silenceSetting;
            this.total = total;
            this.totalSetting = totalSetting;
            this.config = RequestConfig.custom().setConnectTimeout(Timeout.of(connect)).setResponseTimeout(Timeout.of(silence))
                    .setConnectionRequestTimeout(Timeout.of(total)).build();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String readText(HttpEntity entity) throws IOException {
        try {
            return EntityUtils.toString(entity, StandardCharsets.UTF_8);
        } catch (org.apache.hc.core5.http.ParseException e) {
            throw new IOException("unreadable answer", e);
        }
    }

    private String detailOf(String text) {
        try {
            JsonNode json = mapper.readTree(text);
            if (json != null && json.has("detail")) {
                JsonNode detail = json.get("detail");
                return detail.isTextual() ? detail.asText() : detail.toString();
            }
            if (json != null && json.has("error")) {
                return json.get("error").toString();
            }
        } catch (IOException notJson) {
            // plain-text error bodies (e.g. "Not implemented") are returned as they are
        }
        return text.strip();
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
