package io.camellanggraph.callback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook secret: configured, or generated once and kept owner-only in the data directory. */
@Tag("fast")
class WebhookSecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void generatedSecretIsKeptSoTokensOfEarlierRunsStillVerifyAfterARestart() throws Exception {
        CallbackTokens beforeRestart = new CallbackTokens(WebhookSecrets.resolve("", dataDir));
        String token = beforeRestart.token("nightly", "cid-1");
        CallbackTokens afterRestart = new CallbackTokens(WebhookSecrets.resolve(null, dataDir));
        assertThat(afterRestart.verify("nightly", "cid-1", token)).isTrue();
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("webhook-secret")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void configuredSecretWinsAndTwoInstancesSharingItVerifyEachOthersTokens() {
        CallbackTokens a = new CallbackTokens(WebhookSecrets.resolve("shared-cluster-secret-0123", dataDir.resolve("a")));
        CallbackTokens b = new CallbackTokens(WebhookSecrets.resolve("shared-cluster-secret-0123", dataDir.resolve("b")));
        assertThat(b.verify("", "cid", a.token("", "cid"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("a").resolve("webhook-secret"))).isFalse();
    }

    @Test
    void tokenIsBoundToItsCallbackNameAndCorrelationId() {
        CallbackTokens tokens = new CallbackTokens("0123456789abcdef0123".getBytes());
        String token = tokens.token("a", "1");
        assertThat(tokens.verify("b", "1", token)).isFalse();
        assertThat(tokens.verify("a", "2", token)).isFalse();
        assertThat(tokens.verify("a", "1", token.substring(1))).isFalse();
        assertThat(tokens.verify("a", "1", "not base64 !")).isFalse();
        assertThat(tokens.verify("a", "1", null)).isFalse();
    }
}
