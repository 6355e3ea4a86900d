package io.camellanggraph.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fresh directories under {@code target/} for a test's app data, outputs and logs (kept for inspection). */
public final class TestDirs {

    private TestDirs() {
    }

    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
