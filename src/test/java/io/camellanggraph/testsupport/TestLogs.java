package io.camellanggraph.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log file this test JVM writes ({@code log4j2-test.properties}): one per Surefire fork, since the suite's forks
 * run at the same time; {@code LogsCarryNoSecretsTest} scans them all after the suite.
 */
public final class TestLogs {

    private TestLogs() {
    }

    /** {@code target/test-logs/tests-<fork>.log} of this JVM. */
    public static Path file() {
        return Path.of("target/test-logs/tests-" + System.getProperty("test.fork", "1") + ".log");
    }

    /** Its size now: where a test's own lines begin. */
    public static long size() {
        try {
            return Files.exists(file()) ? Files.size(file()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
