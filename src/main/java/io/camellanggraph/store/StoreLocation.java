package io.camellanggraph.store;

import java.nio.file.Path;

/**
 * Where the callback store lives, derived in one place for the component, the app's Quartz cluster and the
 * {@code status}/{@code replay} command line: the configured JDBC URL (PostgreSQL in a cluster) or, when none is
 * configured, the embedded SQLite file {@code <data dir>/langgraph-callbacks.db}.
 */
public record StoreLocation(String jdbcUrl, String user, String password) {

    public static final String EMBEDDED_FILE = "langgraph-callbacks.db";

    /** {@code storeUrl} blank: the embedded SQLite file under {@code dataDir}. */
    public static StoreLocation of(String storeUrl, String user, String password, Path dataDir) {
        if (storeUrl == null || storeUrl.isBlank()) {
            return new StoreLocation("jdbc:sqlite:" + dataDir.resolve(EMBEDDED_FILE), null, null);
        }
        return new StoreLocation(storeUrl.trim(), user, password);
    }

    public boolean isEmbedded() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    /** The SQLite file of the embedded store; only for {@link #isEmbedded()}. */
    public Path embeddedFile() {
        return Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
    }

    public JdbcCallbackStore open() {
        return JdbcCallbackStore.open(jdbcUrl, user, password);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return jdbcUrl + (user == null || user.isBlank() ? "" : " (user " + user + ")");
    }
}
