package io.camellanggraph.outputs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.component.LangGraphConstants;
import io.camellanggraph.testsupport.LangGraphServer;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/results.camel.yaml on real outcomes of every kind, produced by a real LangGraph server: success (echo),
 * error (fail), awaiting input (ask, interrupt()), interrupted and rollback (runs cancelled with either action), and
 * timeout (a run outliving the server's BG_JOB_TIMEOUT_SECS). Proves the content filter, wire tap,
 * content-based router, content enricher, splitter, filter and aggregator, and the file, JMS and mail outputs.
 */
class EveryOutcomeReachesItsOutputsThroughThePatternsTest extends OutputsTestSupport {

    private static final String SECRET = "hunter2-must-not-leak";
    private static LangGraphServer server;

    @Override
    protected LangGraphServer server() {
        if (server == null) {
            server = serverWithShortRunTimeout();
        }
        return server;
    }

    @org.junit.jupiter.api.AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected void overrides(Properties properties) {
        properties.put("mail.digest.size", "6");
        properties.put("mail.digest.period", "120000");
    }

    @Test
    void everyOutcomeReachesItsOutputsThroughThePatterns() throws Exception {
        Started success = startRun("echo", "{\"text\": \"hello outputs\"}",
                Map.of("CamelLangGraphMetadata", "{\"purpose\": \"patterns\", \"db_password\": \"" + SECRET + "\"}",
                        "CamelLangGraphConfig", "{\"configurable\": {\"api_key\": \"" + SECRET + "\"}}"));
        Started error = startRun("fail", "{\"text\": \"on purpose\"}");
        Started awaiting = startRun("ask", "{\"text\": \"ship it?\"}");
        Started interrupted = startRun("sleep", "{\"seconds\": 30}");
        Started rolledBack = startRun("sleep", "{\"seconds\": 30}");
        cancelWhenRunning(interrupted, "interrupt");
        cancelWhenRunning(rolledBack, "rollback");
        Started timedOut = startRunThatTimesOut();
        Map<String, String> kinds = Map.of(success.runId(), "success", error.runId(), "error", awaiting.runId(), "awaiting-input",
                interrupted.runId(), "interrupted", rolledBack.runId(), "rollback", timedOut.runId(), "timeout");

        // wire tap: one audit line per outcome, appended to one JSON Lines file
        List<JsonNode> audit = eventually(this::auditLines, lines -> lines.size() >= 6);
        assertThat(audit).extracting(l -> l.path("run_id").asText()).containsExactlyInAnyOrderElementsOf(kinds.keySet());
        assertThat(audit).allSatisfy(l -> assertThat(l.path("callback").asText()).isEqualTo("results"));
        assertThat(audit).filteredOn(l -> l.path("run_id").asText().equals(awaiting.runId()))
                .singleElement().satisfies(l -> assertThat(l.path("interrupted").asBoolean()).isTrue());

        // file output: one JSON document per run in the folder of its kind, written atomically (no temp file left)
        for (Map.Entry<String, String> run : kinds.entrySet()) {
            Path file = resultsDir().resolve(run.getValue()).resolve(run.getKey() + ".json");
            eventually(() -> Files.exists(file), exists -> exists);
            JsonNode json = read(file);
            assertThat(json.path("run_id").asText()).isEqualTo(run.getKey());
            assertThat(json.has("kwargs")).as("content filter strips kwargs").isFalse();
        }
        assertThat(files(resultsDir())).noneMatch(p -> p.getFileName().toString().startsWith(".tmp-"));
        assertThat(read(resultsDir().resolve("success").resolve(success.runId() + ".json")).path("values").path("upper").asText())
                .isEqualTo("HELLO OUTPUTS");

        // content-based router: which queue; run headers as JMS properties; persistent messages
        List<Message> results = eventually(() -> browse("langgraph.results"), l -> l.size() >= 3);
        List<Message> failures = eventually(() -> browse("langgraph.failures"), l -> l.size() >= 2);
        List<Message> approvals = eventually(() -> browse("langgraph.approvals"), l -> l.size() >= 1);
        assertThat(results).extracting(m -> property(m, LangGraphConstants.RUN_ID))
                .containsExactlyInAnyOrder(success.runId(), interrupted.runId(), rolledBack.runId());
        assertThat(failures).extracting(m -> property(m, LangGraphConstants.RUN_ID))
                .containsExactlyInAnyOrder(error.runId(), timedOut.runId());
        assertThat(approvals).extracting(m -> property(m, LangGraphConstants.RUN_ID)).containsExactly(awaiting.runId());
        for (Message m : concat(results, failures, approvals)) {
            String runId = property(m, LangGraphConstants.RUN_ID);
            assertThat(json(m).path("run_id").asText()).isEqualTo(runId);
            assertThat(property(m, LangGraphConstants.RUN_STATUS)).isEqualTo(json(m).path("status").asText());
            assertThat(property(m, LangGraphConstants.THREAD_ID)).isEqualTo(json(m).path("thread_id").asText());
            assertThat(property(m, LangGraphConstants.CALLBACK)).isEqualTo("results");
            assertThat(m.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        }
        assertThat(property(failures.stream().filter(m -> property(m, LangGraphConstants.RUN_ID).equals(error.runId()))
                .findFirst().orElseThrow(), LangGraphConstants.ERROR)).contains("boom: on purpose");
        assertThat(property(results.stream().filter(m -> property(m, LangGraphConstants.RUN_ID).equals(rolledBack.runId()))
                .findFirst().orElseThrow(), LangGraphConstants.RUN_STATUS)).isEqualTo("rollback");

        // content enricher: the interrupted run carries its thread's state with the interrupt payload
        Message approval = approvals.get(0);
        assertThat(property(approval, LangGraphConstants.INTERRUPTED)).isEqualTo("true");
        JsonNode state = json(approval).path("thread_state");
        assertThat(state.path("next").toString()).contains("ask");
        assertThat(state.path("interrupts").get(0).path("value").path("question").asText()).isEqualTo("approve?");
        assertThat(state.path("interrupts").get(0).path("value").path("text").asText()).isEqualTo("ship it?");

        // splitter over values.messages + filter: only the assistant's message of the echo run
        List<Message> messages = eventually(() -> browse("langgraph.messages"), l -> !l.isEmpty());
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(json(m).path("role").asText()).isEqualTo("assistant");
            assertThat(json(m).path("content").asText()).isEqualTo("HELLO OUTPUTS");
            assertThat(json(m).path("index").asInt()).isEqualTo(1);
            assertThat(property(m, LangGraphConstants.RUN_ID)).isEqualTo(success.runId());
        });

        // mail: an alert for each run a person must look at, summing it up, with the full run attached
        List<MimeMessage> mails = eventually(this::mails, l -> l.size() >= 4);
        List<MimeMessage> alerts = mails.stream().filter(m -> subject(m).startsWith("LangGraph run ")).toList();
        assertThat(alerts).extracting(Mails::subject).hasSize(3)
                .anySatisfy(s -> assertThat(s).contains("fail: error").contains(error.runId()))
                .anySatisfy(s -> assertThat(s).contains("timeout").contains(timedOut.runId()))
                .anySatisfy(s -> assertThat(s).contains("ask: awaiting-input").contains(awaiting.runId()));
        MimeMessage failMail = alerts.stream().filter(m -> subject(m).contains(error.runId())).findFirst().orElseThrow();
        assertThat(failMail.getFrom()[0].toString()).isEqualTo("camel-langgraph@localhost");
        assertThat(failMail.getAllRecipients()[0].toString()).isEqualTo("langgraph-alerts@localhost");
        String text = Mails.text(failMail);
        assertThat(text).contains("Assistant: fail").contains("Status:    error").containsPattern("Duration:  \\d")
                .contains("Error:").contains("boom: on purpose").contains("Output:");
        JsonNode attached = MAPPER.readTree(Mails.attachment(failMail, "run-" + error.runId() + ".json"));
        assertThat(attached.path("run_id").asText()).isEqualTo(error.runId());
        assertThat(attached.path("status").asText()).isEqualTo("error");
        MimeMessage askMail = alerts.stream().filter(m -> subject(m).contains(awaiting.runId())).findFirst().orElseThrow();
        assertThat(Mails.text(askMail)).contains("Waiting for input:").contains("approve?");

        // aggregator: one digest mail for the 6 runs, all of them attached
        MimeMessage digest = mails.stream().filter(m -> subject(m).startsWith("LangGraph digest")).findFirst().orElseThrow();
        assertThat(subject(digest)).startsWith("LangGraph digest: 6 runs (");
        JsonNode digested = MAPPER.readTree(Mails.attachment(digest, "runs.json"));
        List<String> digestedIds = new ArrayList<>();
        digested.forEach(r -> digestedIds.add(r.path("run_id").asText()));
        assertThat(digestedIds).containsExactlyInAnyOrderElementsOf(kinds.keySet());
        assertThat(Mails.text(digest)).contains("STATUS").contains(success.runId()).contains("boom: on purpose");

        // content filter: the secret in the run's metadata and configurable reached no output
        StringBuilder everything = new StringBuilder();
        for (Path file : files(outDir.resolve("results"))) {
            everything.append(Files.readString(file));
        }
        everything.append(Files.readString(auditFile()));
        for (Message m : concat(results, failures, approvals, messages)) {
            everything.append(json(m)).append(m.getPropertyNames().toString());
        }
        for (MimeMessage m : mails) {
            everything.append(Mails.decoded(m));
        }
        assertThat(everything.toString()).doesNotContain(SECRET).doesNotContain("db_password").doesNotContain("token=")
                .doesNotContain("kwargs");
        assertThat(read(resultsDir().resolve("success").resolve(success.runId() + ".json")).path("metadata").path("purpose").asText())
                .isEqualTo("patterns");

        // nothing failed: no dead letters
        assertThat(files(deadLetterDir())).isEmpty();
        assertThat(browse("langgraph.dlq")).isEmpty();
    }

    @SafeVarargs
    private static List<Message> concat(List<Message>... lists) {
        List<Message> all = new ArrayList<>();
        for (List<Message> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    private static String subject(MimeMessage m) {
        return Mails.subject(m);
    }
}
