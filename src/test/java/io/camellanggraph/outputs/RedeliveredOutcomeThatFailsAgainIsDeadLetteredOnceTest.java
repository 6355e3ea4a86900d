package io.camellanggraph.outputs;

import java.nio.file.Files;

import io.camellanggraph.callback.CallbackHub;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead letter channel of routes/results.camel.yaml recognises a redelivery too: the file output of a real error
 * outcome fails (a regular file stands where its folder should be), so it is dead-lettered to the folder and the DLQ;
 * routed again with the same key, it fails again, and the DLQ still holds one dead letter (its duplicate id names the
 * output and the run), the dead-letter folder one file.
 */
class RedeliveredOutcomeThatFailsAgainIsDeadLetteredOnceTest extends OutputsTestSupport {

    @Test
    void redeliveredOutcomeThatFailsAgainIsDeadLetteredOnce() throws Exception {
        Files.createDirectories(resultsDir());
        Files.writeString(resultsDir().resolve("error"), "a file where the error folder should be");
        String runId = startRun("fail", "{\"text\": \"dead letter once\"}").runId();
        CallbackHub hub = langgraph().callbackHub();
        String row = eventually(() -> hub.store().recent(100).stream().map(r -> r.entry().dedupKey())
                .filter(k -> k.startsWith(runId + ":")).findFirst().orElse(null), k -> k != null);
        eventually(() -> hub.store().state(row), "routed"::equals);
        assertThat(browse("langgraph.dlq")).singleElement()
                .satisfies(m -> assertThat(property(m, "_AMQ_DUPL_ID")).isEqualTo("dead-letter/file/" + runId));

        hub.store().markFailed(row, "routed mark lost in a crash");
        assertThat(hub.replay(row)).isTrue();
        eventually(() -> hub.store().state(row), "routed"::equals);

        assertThat(browse("langgraph.dlq")).hasSize(1);
        assertThat(files(deadLetterDir())).extracting(p -> deadLetterDir().relativize(p).toString())
                .containsExactly("file/" + runId + ".json");
        assertThat(browse("langgraph.failures")).hasSize(1);
    }
}
