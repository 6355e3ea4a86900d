package io.camellanggraph.outputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregator's other completion: fewer runs than mail.digest.size came, so the digest goes out when the period
 * (mail.digest.period) is over, with the runs of that period. Real runs of a real LangGraph server, real SMTP. Also
 * the other file layout: a folder per callback name instead of per result kind.
 */
class DigestMailGoesOutPerPeriodWhenFewerRunsCameTest extends OutputsTestSupport {

    @Override
    protected void overrides(Properties properties) {
        properties.put("mail.digest.size", "50");
        properties.put("mail.digest.period", "2000");
        properties.put("outputs.files.folder", "${header.CamelLangGraphCallback}");
    }

    @Test
    void digestMailGoesOutPerPeriodWhenFewerRunsCame() throws Exception {
        String first = startRun("echo", "{\"text\": \"one\"}").runId();
        String second = startRun("echo", "{\"text\": \"two\"}").runId();

        List<String> digested = eventually(() -> {
            List<String> ids = new ArrayList<>();
            for (MimeMessage mail : mails()) {
                if (Mails.subject(mail).startsWith("LangGraph digest")) {
                    for (JsonNode run : MAPPER.readTree(Mails.attachment(mail, "runs.json"))) {
                        ids.add(run.path("run_id").asText());
                    }
                }
            }
            return ids;
        }, ids -> ids.size() >= 2);
        assertThat(digested).containsExactlyInAnyOrder(first, second);
        assertThat(mails()).allSatisfy(m -> assertThat(Mails.subject(m)).matches("LangGraph digest: [12] runs \\(\\d success\\)"));
        // folder per callback name: results/<callback>/<run id>.json
        assertThat(resultsDir().resolve("results").resolve(first + ".json")).isRegularFile();
        assertThat(resultsDir().resolve("results").resolve(second + ".json")).isRegularFile();
    }
}
