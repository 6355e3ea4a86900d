package io.camellanggraph.outputs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.camellanggraph.app.outputs.DeadLetters;
import io.camellanggraph.component.LangGraphConstants;
import jakarta.jms.Message;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each output of routes/results.camel.yaml failing in turn, on real outcomes (echo: success, fail: error) of a real
 * LangGraph server: the JMS broker stopped, the SMTP server gone (connection refused), the result folder unwritable (a
 * regular file where the folder should be). Each failing output is retried with back-off, then dead-lettered (to the
 * dead-letter folder, and to the DLQ queue whenever the broker is up) while the other outputs deliver. At the end every
 * input is counted against the outputs plus the dead letters: nothing is missing, and no outcome failed in the inbox.
 */
class FailingOutputsAreRetriedThenDeadLetteredAndNothingIsMissingTest extends OutputsTestSupport {

    /** Redelivery attempts seen, per output (the exchange property the output routes set). */
    private final Map<String, Integer> maxAttempts = new ConcurrentHashMap<>();

    private record Run(String runId, String kind, int phase) {
    }

    /** What each kind of run is expected to reach: every outcome is audited, filed, queued and digested. */
    private static final Map<String, List<String>> EXPECTED = Map.of(
            "success", List.of("audit", "file", "queue", "messages", "digest"),
            "error", List.of("audit", "file", "queue", "mail", "digest"));

    @Override
    protected void overrides(Properties properties) {
        properties.put("mail.digest.size", "2");
        properties.put("mail.digest.period", "120000");
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeRedeliveryEvent redelivery) {
                    String output = redelivery.getExchange().getProperty(DeadLetters.OUTPUT, "?", String.class);
                    maxAttempts.merge(output, redelivery.getAttempt(), Math::max);
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeRedeliveryEvent;
            }
        });
        return context;
    }

    @Test
    void failingOutputsAreRetriedThenDeadLetteredAndNothingIsMissing() throws Exception {
        List<Run> runs = new ArrayList<>();

        // phase 1: the broker is down -> queue and messages dead-lettered (folder only: the DLQ is down too)
        broker.stop();
        List<Run> phase1 = startPair(1);
        runs.addAll(phase1);
        awaitAccounted(phase1, false);
        broker.start();

        // phase 2: SMTP refuses (nothing listens) -> the alert mail and the digest dead-lettered (folder and DLQ)
        stopSmtp();
        List<Run> phase2 = startPair(2);
        runs.addAll(phase2);
        awaitAccounted(phase2, true);
        startSmtp();

        // phase 3: a regular file where the result folders should be -> the file output dead-lettered
        Path success = resultsDir().resolve("success");
        Path error = resultsDir().resolve("error");
        Files.move(success, resultsDir().resolve("success.moved"));
        Files.move(error, resultsDir().resolve("error.moved"));
        Files.writeString(success, "not a folder");
        Files.writeString(error, "not a folder");
        List<Run> phase3 = startPair(3);
        runs.addAll(phase3);
        awaitAccounted(phase3, true);
        Files.delete(success);
        Files.delete(error);
        Files.move(resultsDir().resolve("success.moved"), success);
        Files.move(resultsDir().resolve("error.moved"), error);

        // every input against outputs plus dead letters: nothing missing, nothing both delivered and dead-lettered
        Accounting accounting = new Accounting(true);
        List<String> missing = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        Set<String> deadLettered = new LinkedHashSet<>();
        for (Run run : runs) {
            for (String output : EXPECTED.get(run.kind())) {
                boolean delivered = accounting.delivered(run, output);
                boolean dead = accounting.deadLettered(run, output);
                if (!delivered && !dead) {
                    missing.add(run + " -> " + output);
                }
                if (delivered && dead) {
                    twice.add(run + " -> " + output);
                }
                if (dead) {
                    deadLettered.add("phase " + run.phase() + " " + run.kind() + " " + output);
                }
            }
        }
        assertThat(missing).as("outcomes neither delivered nor dead-lettered").isEmpty();
        assertThat(twice).as("outcomes delivered and dead-lettered").isEmpty();
        // exactly what failed was dead-lettered
        assertThat(deadLettered).containsExactlyInAnyOrder(
                "phase 1 success queue", "phase 1 error queue", "phase 1 success messages",
                "phase 2 error mail", "phase 2 success digest", "phase 2 error digest",
                "phase 3 success file", "phase 3 error file");
        // ... after being retried with back-off (3 redeliveries configured)
        assertThat(maxAttempts).containsEntry("queue", 3).containsEntry("messages", 3).containsEntry("mail", 3)
                .containsEntry("digest", 3).containsEntry("file", 3).doesNotContainKey("audit");
        // the DLQ holds the dead letters of the phases where the broker was up, naming output and reason
        List<Message> dlq = browse("langgraph.dlq");
        assertThat(dlq).extracting(m -> property(m, DeadLetters.DEAD_LETTER_OUTPUT))
                .containsExactlyInAnyOrder("mail", "digest", "file", "file");
        assertThat(dlq).allSatisfy(m -> assertThat(property(m, DeadLetters.DEAD_LETTER_REASON)).isNotBlank());
        // the dead letters went to safe places, so the inbox holds no failed outcome
        assertThat(langgraph().callbackHub().counters().get("failed")).isZero();
        assertThat(langgraph().callbackHub().counters().get("routed")).isEqualTo(6);
        assertThat(files(deadLetterDir())).noneMatch(p -> p.getFileName().toString().startsWith(".tmp-"));
    }

    private List<Run> startPair(int phase) {
        Run success = new Run(startRun("echo", "{\"text\": \"phase " + phase + "\"}").runId(), "success", phase);
        Run error = new Run(startRun("fail", "{\"text\": \"phase " + phase + "\"}").runId(), "error", phase);
        return List.of(success, error);
    }

    /** Waits until every expected output of these runs was either delivered or dead-lettered. */
    private void awaitAccounted(List<Run> runs, boolean brokerUp) {
        eventually(() -> {
            Accounting accounting = new Accounting(brokerUp);
            for (Run run : runs) {
                for (String output : EXPECTED.get(run.kind())) {
                    if (!accounting.delivered(run, output) && !accounting.deadLettered(run, output)) {
                        return false;
                    }
                }
            }
            return true;
        }, done -> done);
    }

    /** A snapshot of every place an outcome can end up. */
    private final class Accounting {

        private final List<JsonNode> audit;
        private final Set<String> queued = new LinkedHashSet<>();
        private final Set<String> messageRuns = new LinkedHashSet<>();
        private final List<MimeMessage> mails;
        private final Map<String, Set<String>> deadLetters = new ConcurrentHashMap<>();

        Accounting(boolean brokerUp) throws Exception {
            audit = auditLines();
            mails = mails();
            if (brokerUp) {
                for (String queue : List.of("langgraph.results", "langgraph.failures")) {
                    browse(queue).forEach(m -> queued.add(property(m, LangGraphConstants.RUN_ID)));
                }
                browse("langgraph.messages").forEach(m -> messageRuns.add(json(m).path("run_id").asText()));
            }
            for (Path file : files(deadLetterDir())) {
                if (file.getFileName().toString().startsWith(".tmp-")) {
                    continue;
                }
                String output = deadLetterDir().relativize(file).getName(0).toString();
                JsonNode letter = read(file);
                Set<String> ids = deadLetters.computeIfAbsent(output, o -> ConcurrentHashMap.newKeySet());
                if (letter.isArray()) {
                    letter.forEach(r -> ids.add(r.path("run_id").asText()));
                } else {
                    ids.add(letter.path("run_id").asText());
                }
            }
        }

        boolean delivered(Run run, String output) throws Exception {
            return switch (output) {
                case "audit" -> audit.stream().anyMatch(l -> l.path("run_id").asText().equals(run.runId()));
                case "file" -> Files.isRegularFile(resultsDir().resolve(run.kind()).resolve(run.runId() + ".json"))
                        || Files.isRegularFile(resultsDir().resolve(run.kind() + ".moved").resolve(run.runId() + ".json"));
                case "queue" -> queued.contains(run.runId());
                case "messages" -> messageRuns.contains(run.runId());
                case "mail" -> anyMail(m -> Mails.subject(m).startsWith("LangGraph run ") && Mails.subject(m).contains(run.runId()));
                case "digest" -> anyMail(m -> Mails.subject(m).startsWith("LangGraph digest") && attachmentHas(m, run.runId()));
                default -> throw new IllegalArgumentException(output);
            };
        }

        boolean deadLettered(Run run, String output) {
            return deadLetters.getOrDefault(output, Set.of()).contains(run.runId());
        }

        private boolean anyMail(Predicate<MimeMessage> test) {
            return mails.stream().anyMatch(test);
        }

        private boolean attachmentHas(MimeMessage mail, String runId) {
            try {
                return Mails.attachment(mail, "runs.json").contains(runId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
