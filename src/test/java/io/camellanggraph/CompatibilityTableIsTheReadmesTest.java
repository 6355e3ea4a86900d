package io.camellanggraph;

import java.nio.file.Files;
import java.nio.file.Path;

import io.camellanggraph.testsupport.CompatibilityTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other test (its own surefire execution, like the log scan): the compatibility table of
 * docs/receiving-and-guarantees.md (which README links to) must be the one the tests of this build filled. When it differs, the table they saw is in
 * {@code target/compatibility-table.md}, ready to replace the guide's.
 */
class CompatibilityTableIsTheReadmesTest {

    @Test
    void readmesCompatibilityTableIsWhatTheTestsSaw() throws Exception {
        String seen = CompatibilityTable.render();
        Files.writeString(Path.of("target/compatibility-table.md"), seen + "\n");
        assertThat(CompatibilityTable.inReadme())
                .as("the guide's compatibility table against the one this test run saw (target/compatibility-table.md)")
                .isEqualTo(seen);
    }
}
