package io.camellanggraph.fault;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

import io.camellanggraph.callback.CallbackTokens;
import io.camellanggraph.component.LangGraphComponent;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.RealRuns;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 malformed requests (broken and huge JSON, wrong and missing tokens, header injection, wrong methods and
 * paths, non-UTF-8, JSON that is not a run): no 5xx, no crash, nothing routed, and a valid callback afterwards is
 * still accepted and routed.
 */
class MalformedRequestFloodTest extends LangGraphTestSupport {

    private static final int REQUESTS = 10_000;
    private final List<Message> routed = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private String capture;
    private CallbackTokens tokens;

    @Override
    protected LangGraphServer server() {
        return LangGraphServer.python();
    }

    @Override
    protected void configure(LangGraphComponent langgraph) {
        langgraph.setMaxBodySize(32 * 1024);
        langgraph.setDetectInterrupts(false);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("langgraph:webhook").process(e -> routed.add(e.getMessage().copy()));
                from("langgraph:webhook/named").process(e -> routed.add(e.getMessage().copy()));
            }
        };
    }

    @Test
    void tenThousandMalformedRequestsGetNo5xxRouteNothingAndLeaveTheReceiverServing() throws Exception {
        capture = Files.readString(Path.of("src/test/resources/webhook-captures/js-dev-server-1.5.1/run-success.json"));
        tokens = new CallbackTokens(SECRET.getBytes());
        String huge = "{\"run_id\": \"x\", \"status\": \"success\", \"pad\": \"" + "x".repeat(64 * 1024) + "\"}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int kind = i % 12;
                sent.add(pool.submit(() -> {
                    send(kind, huge);
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long total = statuses.values().stream().mapToLong(LongAdder::sum).sum();
        assertThat(total).isEqualTo(REQUESTS);
        assertThat(statuses.keySet()).as("statuses seen: %s", statuses).allSatisfy(s -> assertThat(s).isBetween(400, 499));

        // still serving: a valid callback afterwards is accepted and routed, and it is the only thing routed
        RealRuns.RealRun real = new RealRuns(server().url()).finished("echo", "{\"text\": \"after the flood\"}");
        String runId = real.runId();
        String cid = real.correlationId();
        HttpResponse<String> valid = http.send(HttpRequest.newBuilder(URI.create(receiverUrl() + "?cid=" + cid + "&token=" + tokens.token("", cid)))
                .POST(HttpRequest.BodyPublishers.ofString(real.json().toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(valid.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !routed.isEmpty());
        assertThat(routed).singleElement().satisfies(m -> assertThat(m.getHeader("CamelLangGraphRunId")).isEqualTo(runId));
    }

    private void send(int kind, String huge) throws Exception {
        String cid = UUID.randomUUID().toString();
        String token = tokens.token("", cid);
        String good = receiverUrl() + "?cid=" + cid + "&token=" + token;
        int status = switch (kind) {
            case 0 -> postText(good, "{\"run_id\": \"broken");
            case 1 -> postText(good, huge);
            case 2 -> postText(receiverUrl() + "?cid=" + cid + "&token=" + token.replace('A', 'B').replace('a', 'A') + "x", capture);
            case 3 -> postText(receiverUrl() + "?cid=" + cid, capture);
            case 4 -> postText(receiverUrl() + "/named?cid=" + cid + "&token=" + token, capture); // token of another name
            case 5 -> raw("POST /langgraph/webhook?cid=" + cid + "%0d%0aX-Injected:%20yes&token=" + token + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nX-Forwarded-For: 1.2.3.4\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            case 6 -> method("PUT", good);
            case 7 -> method("GET", good);
            case 8 -> postText(receiverUrl() + "/../../etc/passwd?cid=" + cid + "&token=" + token, capture);
            case 9 -> postText("http://127.0.0.1:" + receiverPort + "/langgraph/webhookX?cid=" + cid + "&token=" + token, capture);
            case 10 -> postBytes(good, new byte[] {(byte) 0xff, (byte) 0xfe, '{', (byte) 0xc3, '}'});
            default -> postText(good, "[{\"run_id\": \"a\", \"status\": \"success\"}]");
        };
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    private int postText(String url, String body) throws Exception {
        return postBytes(url, body.getBytes(StandardCharsets.UTF_8));
    }

    private int postBytes(String url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int method(String method, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.ofString(capture)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Writes a request byte by byte as given (java.net.http would refuse it) and reads the status line. */
    private int raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", receiverPort)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
