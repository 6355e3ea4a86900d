package io.camellanggraph.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * One parameterised statement on its own connection (auto-commit): the stores' small writes outside a batch; and the
 * column check of the stores' schema upgrades.
 */
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

    /** Whether {@code table} has {@code column} (a store created by an older version may lack it), on every database. */
    public static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                if (rs.getMetaData().getColumnName(i).equalsIgnoreCase(column)) {
                    return true;
                }
            }
            return false;
        }
    }
}
