package io.camellanggraph.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Rows and bytes on disk of the tables a store keeps (operator page, {@code status}): on PostgreSQL
 * {@code pg_total_relation_size} (table, indexes and TOAST), on SQLite the pages of the table and its indexes
 * ({@code dbstat}). A table not created (yet) is left out.
 */
public final class TableSizes {

    /** One table: its rows, and its bytes with its indexes. */
    public record TableSize(String table, long rows, long bytes) {
    }

    private TableSizes() {
    }

    public static List<TableSize> of(DataSource dataSource, List<String> tables) {
        List<TableSize> sizes = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            for (String table : tables) {
                if (!exists(c, table)) {
                    continue;
                }
                sizes.add(new TableSize(table, single(c, "SELECT COUNT(*) FROM " + table, null), single(c, postgres
                        ? "SELECT pg_total_relation_size(to_regclass(?))"
                        : "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master"
                        + " WHERE tbl_name = ?)", postgres ? table.toLowerCase(java.util.Locale.ROOT) : table)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the tables' sizes: " + e.getMessage(), e);
        }
        return sizes;
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM " + table + " WHERE 1 = 0")) {
            p.executeQuery().close();
            return true;
        } catch (SQLException missing) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return false;
        }
    }

    private static long single(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            if (arg != null) {
                p.setString(1, arg);
            }
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
