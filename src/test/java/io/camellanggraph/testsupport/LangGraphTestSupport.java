package io.camellanggraph.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.camellanggraph.component.LangGraphComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;

/**
 * A Camel context wired like the app: platform-http (Vert.x) on a free loopback port and the langgraph component
 * pointed at a real LangGraph server, with its own data directory and a known webhook secret.
 */
public abstract class LangGraphTestSupport extends CamelTestSupport {

    public static final String SECRET = "test-webhook-secret-0123456789";
    /** Sent with every call (the dev servers ignore it); LogsCarryNoSecretsTest proves it never reaches a log. */
    public static final String API_KEY = "lgsk-test-api-key-do-not-log-4711";

    protected final int receiverPort = freePort();
    protected Path dataDir;

    /** The LangGraph server the test talks to. */
    protected abstract LangGraphServer server();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(receiverPort);
        http.setMaxBodySize(maxBodySize());
        context.addService(new VertxPlatformHttpServer(http));
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "test-data-");
        LangGraphComponent langgraph = new LangGraphComponent();
        langgraph.getConfiguration().setUrl(server().url());
        langgraph.getConfiguration().setApiKey(API_KEY);
        langgraph.setDataDir(dataDir.toString());
        langgraph.setWebhookBaseUrl("http://127.0.0.1:" + receiverPort);
        langgraph.setWebhookSecret(SECRET);
        configure(langgraph);
        context.addComponent("langgraph", langgraph);
        return context;
    }

    /** Hook for tests that tune the component (reconcile timing, header checks, ...). */
    protected void configure(LangGraphComponent langgraph) {
    }

    protected long maxBodySize() {
        return 10L * 1024 * 1024;
    }

    protected LangGraphComponent langgraph() {
        return context.getComponent("langgraph", LangGraphComponent.class);
    }

    protected String receiverUrl() {
        return "http://127.0.0.1:" + receiverPort + "/langgraph/webhook";
    }

    protected HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "text/plain;charset=UTF-8").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
