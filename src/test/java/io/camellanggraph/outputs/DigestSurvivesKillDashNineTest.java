package io.camellanggraph.outputs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.camellanggraph.callback.CallbackTokens;
import io.camellanggraph.testsupport.AppProcess;
import io.camellanggraph.testsupport.LangGraphServer;
import io.camellanggraph.testsupport.LangGraphTestSupport;
import io.camellanggraph.testsupport.RealRuns;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app as a real process with the shipped routes and settings: two outcomes of real runs are routed and wait in the
 * digest aggregator's group (digest of 3), the app is killed with {@code kill -9}, started again, and a third outcome
 * completes the digest, which then holds all three: the group was in the outputs' store, not in the dead JVM.
 */
class DigestSurvivesKillDashNineTest {

    private static final String SECRET = LangGraphTestSupport.SECRET;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path out = tempDir("digest-out-");
    private final Path data = tempDir("digest-data-");
    private final int port = LangGraphTestSupport.freePort();
    private final int smtpPort = LangGraphTestSupport.freePort();
    private final GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final CallbackTokens tokens = new CallbackTokens(SECRET.getBytes());
    private final RealRuns runs = new RealRuns(LangGraphServer.python().url());

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private AppProcess app(String name) {
        return new AppProcess(name, port)
                .with("langgraph.url", LangGraphServer.python().url())
                .with("langgraph.webhook.secret", SECRET)
                .with("langgraph.data-dir", data.toString())
                .with("app.out-dir", out.toString())
                .with("jms.embedded.port", "0")
                .with("outputs.bridge.enabled", "false")
                .with("mail.host", "127.0.0.1")
                .with("mail.port", Integer.toString(smtpPort))
                .with("mail.digest.size", "3")
                .with("mail.digest.period", "3600000");
    }

    @Test
    void digestPendingAtKillDashNineIsSentAfterTheRestartWithAllItsRuns() throws Exception {
        smtp.start();
        List<String> runIds = new ArrayList<>();
        try (AppProcess first = app("digest-first").start()) {
            for (int i = 0; i < 2; i++) {
                runIds.add(deliver(runs.finished("echo", "{\"text\": \"digest " + i + "\"}")));
            }
            // both outcomes aggregated (their keys are recorded once their delivery completed), no digest yet
            await().atMost(Duration.ofSeconds(60)).until(() -> digestedKeys() == 2);
            assertThat(smtp.getReceivedMessages()).isEmpty();
            first.kill();
        }
        try (AppProcess second = app("digest-second").start()) {
            runIds.add(deliver(runs.finished("echo", "{\"text\": \"digest after the crash\"}")));
            MimeMessage digest = await().atMost(Duration.ofSeconds(60)).until(this::digestMail, m -> m != null);
            List<String> digested = new ArrayList<>();
            for (JsonNode run : MAPPER.readTree(Mails.attachment(digest, "runs.json"))) {
                digested.add(run.path("run_id").asText());
            }
            assertThat(digested).containsExactlyInAnyOrderElementsOf(runIds);
            assertThat(Mails.subject(digest)).startsWith("LangGraph digest: 3 runs");
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        }
    }

    /** Posts the run's real outcome to the app's results callback, as the server would; returns the run id. */
    private String deliver(RealRuns.RealRun run) throws Exception {
        String url = "http://127.0.0.1:" + port + "/langgraph/webhook/results?cid=" + run.correlationId() + "&token="
                + tokens.token("results", run.correlationId());
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(run.json().toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return run.runId();
    }

    private MimeMessage digestMail() {
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (Mails.subject(mail).startsWith("LangGraph digest")) {
                return mail;
            }
        }
        return null;
    }

    /** Keys the digest's idempotent consumer recorded, read from the outputs' store as any SQLite client would. */
    private int digestedKeys() throws Exception {
        Path db = data.resolve("outputs.db");
        if (!Files.exists(db)) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'results-digest'")) {
            return rs.getInt(1);
        } catch (java.sql.SQLException notYetCreated) {
            return 0;
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
