package io.camellanggraph.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

/** One parameterised statement on its own connection (auto-commit): the stores' small writes outside a batch. */
public final class JdbcUpdates {

    private JdbcUpdates() {
    }

    /** Runs {@code sql} with {@code args} bound in order; returns the rows changed; {@code what} names the store in errors. */
    public static int update(DataSource dataSource, String what, String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(what + " update failed: " + e.getMessage(), e);
        }
    }
}
