package io.camellanggraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.camellanggraph.testsupport.LangGraphTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after the whole suite (its own Surefire execution) and reads every log the tests and the app processes
 * wrote: no webhook token, resume handle, webhook secret or API key may appear in any of them.
 */
class LogsCarryNoSecretsTest {

    /** A token is 43 URL-safe Base64 characters; the masked form is ***. */
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{16,})");
    /** A resume handle (payload.mac, URL-safe Base64) where one would show: in a resume URL or as a handle's value. */
    private static final Pattern HANDLE = Pattern.compile("(langgraph/resume/|resume_handle\\W{1,4}|ResumeHandle\\W{1,4})[A-Za-z0-9_-]{20,}\\.");

    @Test
    void noTokenSecretOrApiKeyInAnyLogOfTheSuite() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (String dir : List.of("target/test-logs", "target/app-logs", "target/surefire-reports")) {
            Path path = Path.of(dir);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(p -> p.toString().endsWith(".log") || p.toString().endsWith("-output.txt")).forEach(logs::add);
                }
            }
        }
        assertThat(logs).as("logs written by the suite").isNotEmpty();
        long lines = 0;
        for (Path log : logs) {
            List<String> content = Files.readAllLines(log);
            lines += content.size();
            for (String line : content) {
                assertThat(line).as("%s", log).doesNotContain(LangGraphTestSupport.API_KEY).doesNotContain(LangGraphTestSupport.SECRET);
                Matcher token = TOKEN.matcher(line);
                assertThat(token.find()).as("token in %s: %s", log, line).isFalse();
                assertThat(HANDLE.matcher(line).find()).as("resume handle in %s: %s", log, line).isFalse();
            }
        }
        assertThat(lines).as("log lines scanned").isGreaterThan(100);
    }
}
