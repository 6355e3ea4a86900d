package io.camellanggraph.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * The one JDBC helper of every store: a parameterised statement on its own connection (auto-commit), a query mapped row
 * by row, a schema created or upgraded on one connection, and the column check of those upgrades. Every failure becomes
 * a {@link StoreException} naming the store ({@code what}), which the receivers turn into a 503. Batched writes of the
 * hot path do not come here: {@link GroupCommitWriter} and {@link BookkeepingWriter} hold their own connection.
 */
public final class JdbcStatements {

    /** Reads the current row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Creates or upgrades tables on one connection. */
    @FunctionalInterface
    public interface Schema {
        void create(Connection c, Statement s) throws SQLException;
    }

    private JdbcStatements() {
    }

    /** Runs {@code sql} with {@code args} bound in order; returns the rows changed. */
    public static int update(DataSource dataSource, String what, String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(what + " update failed: " + e.getMessage(), e);
        }
    }

    /** Every row of {@code sql} with {@code args} bound in order, each read by {@code row}. */
    public static <T> List<T> query(DataSource dataSource, String what, String sql, Row<T> row, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException(what + " query failed: " + e.getMessage(), e);
        }
    }

    /** The first row of {@code sql}, or null when it has none. */
    public static <T> T first(DataSource dataSource, String what, String sql, Row<T> row, Object... args) {
        List<T> rows = query(dataSource, what, sql, row, args);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Creates (or upgrades) the store's tables; a failure stops the store's start. */
    public static void schema(DataSource dataSource, String what, Schema schema) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            schema.create(c, s);
        } catch (SQLException e) {
            throw new StoreException("cannot create the " + what + " tables: " + e.getMessage(), e);
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

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }
}
