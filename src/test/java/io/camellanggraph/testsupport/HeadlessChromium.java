package io.camellanggraph.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.awaitility.Awaitility.await;

/**
 * Debian's headless Chromium driven through ChromeDriver's W3C WebDriver HTTP API (java.net.http, no Selenium):
 * one browser session per instance, with a fresh profile under {@code target/chromium/}, loopback only. Needs
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} ({@code scripts/chromium.sh} installs them).
 * {@link #close()} ends the session (ChromeDriver then quits Chromium) and stops the ChromeDriver process it started.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    /** The flags this machine needs: without the background-networking ones Chromium keeps trying outside hosts. */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1200");

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Process driver;
    private final String base;
    private final String session;

    private HeadlessChromium(Process driver, String base, String session) {
        this.driver = driver;
        this.base = base;
        this.session = session;
    }

    public static HeadlessChromium start() throws Exception {
        for (String binary : List.of("/usr/bin/chromium", "/usr/bin/chromedriver")) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " missing: run scripts/chromium.sh (Debian's chromium and chromium-driver)");
            }
        }
        Path dir = Files.createDirectories(Path.of("target", "chromium").toAbsolutePath());
        Path profile = Files.createTempDirectory(dir, "profile-");
        int port = LangGraphTestSupport.freePort();
        Process driver = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromedriver-" + port + ".out").toFile()).start();
        String base = "http://127.0.0.1:" + port;
        HeadlessChromium probe = new HeadlessChromium(driver, base, null);
        try {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> probe.call("GET", "/status", null).path("value").path("ready").asBoolean());
            List<String> args = new ArrayList<>(FLAGS);
            args.add("--user-data-dir=" + profile);
            Map<String, Object> capabilities = Map.of("capabilities", Map.of("alwaysMatch", Map.of("browserName", "chrome",
                    "goog:chromeOptions", Map.of("binary", "/usr/bin/chromium", "args", args))));
            JsonNode created = probe.call("POST", "/session", capabilities);
            String session = created.path("value").path("sessionId").asText(null);
            if (session == null) {
                throw new IllegalStateException("no browser session: " + created);
            }
            return new HeadlessChromium(driver, base, session);
        } catch (Exception | Error e) {
            driver.destroyForcibly().waitFor();
            throw e;
        }
    }

    public void open(String url) throws Exception {
        session("POST", "/url", Map.of("url", url));
    }

    /** Runs JavaScript in the page and returns what it returns, as text. */
    public String script(String js) throws Exception {
        JsonNode value = session("POST", "/execute/sync", Map.of("script", js, "args", List.of())).path("value");
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** The visible text of the first element matching the CSS selector. */
    public String text(String css) throws Exception {
        return session("GET", "/element/" + element(css) + "/text", null).path("value").asText();
    }

    public void type(String css, String text) throws Exception {
        session("POST", "/element/" + element(css) + "/value", Map.of("text", text));
    }

    public void click(String css) throws Exception {
        session("POST", "/element/" + element(css) + "/click", Map.of());
    }

    public boolean exists(String css) throws Exception {
        return session("POST", "/elements", Map.of("using", "css selector", "value", css)).path("value").size() > 0;
    }

    /** Resizes the window, e.g. to the page's full height before a screenshot. */
    public void resize(int width, int height) throws Exception {
        session("POST", "/window/rect", Map.of("width", width, "height", height));
    }

    /** Saves a PNG of the window (for a person to look at after the test). */
    public Path screenshot(String name) throws Exception {
        Path file = Path.of("target", "chromium", name + ".png").toAbsolutePath();
        Files.write(file, Base64.getDecoder().decode(session("GET", "/screenshot", null).path("value").asText()));
        return file;
    }

    private String element(String css) throws Exception {
        JsonNode found = session("POST", "/element", Map.of("using", "css selector", "value", css)).path("value");
        if (!found.has(ELEMENT)) {
            throw new IllegalStateException("no element " + css + ": " + found);
        }
        return found.path(ELEMENT).asText();
    }

    private JsonNode session(String method, String path, Object body) throws Exception {
        JsonNode answer = call(method, "/session/" + session + path, body);
        JsonNode value = answer.path("value");
        if (value.isObject() && value.has("error")) {
            throw new IllegalStateException(method + " " + path + ": " + value.path("error").asText() + " " + value.path("message").asText());
        }
        return answer;
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
        return mapper.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Override
    public void close() throws Exception {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } finally {
            driver.destroy();
            if (!driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                driver.destroyForcibly().waitFor();
            }
        }
    }
}
