package io.camellanggraph.testsupport;

import java.nio.file.Path;
import java.util.stream.Stream;

import io.camellanggraph.store.JdbcCallbackStore;

/** The two databases the callback store supports, for parameterized tests: a fresh SQLite file and a fresh PostgreSQL database. */
public final class BothDatabases {

    private BothDatabases() {
    }

    /** JDBC URLs: {@code jdbc:sqlite:...} and {@code jdbc:postgresql:...}, each new, named after {@code name}. */
    public static Stream<String> urls(String name) {
        Path sqlite = TestDirs.create(name + "-sqlite-");
        return Stream.of("sqlite", "postgresql").map(kind -> kind.equals("sqlite")
                ? "jdbc:sqlite:" + sqlite.resolve("store.db") : PostgresServer.shared().newDatabase(name));
    }

    public static JdbcCallbackStore open(String url) {
        return url.startsWith("jdbc:sqlite:") ? JdbcCallbackStore.open(url, null, null)
                : JdbcCallbackStore.open(url, PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
