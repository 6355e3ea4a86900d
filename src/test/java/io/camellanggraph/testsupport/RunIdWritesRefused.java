package io.camellanggraph.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Makes an SQLite callback store refuse every write that records a pending run's run id, as a full disk or a database
 * going away right after the server created the run would, until closed. Other writes go through.
 */
public final class RunIdWritesRefused implements AutoCloseable {

    private final DataSource dataSource;

    public RunIdWritesRefused(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        execute("CREATE TRIGGER test_run_id_insert_refused BEFORE INSERT ON lg_pending_run WHEN NEW.run_id IS NOT NULL"
                + " BEGIN SELECT RAISE(ABORT, 'run id write refused by the test'); END",
                "CREATE TRIGGER test_run_id_update_refused BEFORE UPDATE ON lg_pending_run WHEN NEW.run_id IS NOT NULL"
                + " BEGIN SELECT RAISE(ABORT, 'run id write refused by the test'); END");
    }

    @Override
    public void close() throws SQLException {
        execute("DROP TRIGGER test_run_id_insert_refused", "DROP TRIGGER test_run_id_update_refused");
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
