package io.camellanggraph.callback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the webhook HMAC secret comes from: the configured value, or else a random one generated on first
 * start and kept in {@code <dataDir>/webhook-secret} (owner-only), so tokens of runs started before a restart
 * still verify after it.
 */
public final class WebhookSecrets {

    private WebhookSecrets() {
    }

    public static byte[] resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve("webhook-secret");
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            Files.createDirectories(dataDir);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.writeString(file, Base64.getEncoder().encodeToString(secret), StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // non-POSIX file systems keep their default permissions
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the webhook secret in " + dataDir, e);
        }
    }
}
