package io.camellanggraph.store;


import javax.sql.DataSource;

/**
 * Named leases in a database ({@code lg_lease}: name, owner, until when): a job that one instance of a cluster does at a
 * time (pruning) takes its lease first, by a conditional insert or update, so on PostgreSQL shared by several instances
 * one of them does it, and another takes over once the lease of one that died has run out. On SQLite there is one
 * instance; the lease costs one statement.
 */
public final class StoreLease {

    private final DataSource dataSource;

    public StoreLease(DataSource dataSource) {
        this.dataSource = dataSource;
        JdbcStatements.schema(dataSource, "lease", (c, s) -> {
            s.execute("CREATE TABLE IF NOT EXISTS lg_lease (name VARCHAR(80) PRIMARY KEY, owner VARCHAR(120) NOT NULL,"
                    + " lease_until BIGINT NOT NULL)");
        });
    }

    /** Takes (or renews) the lease {@code name} for {@code owner} until {@code until}; false while another holds it. */
    public boolean take(String name, String owner, long now, long until) {
        if (update("INSERT INTO lg_lease (name, owner, lease_until) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
                name, owner, until) == 1) {
            return true;
        }
        return update("UPDATE lg_lease SET owner = ?, lease_until = ? WHERE name = ? AND (owner = ? OR lease_until < ?)",
                owner, until, name, owner, now) == 1;
    }

    /** Gives the lease up, so that any instance may take it at once. */
    public void release(String name, String owner) {
        update("UPDATE lg_lease SET lease_until = 0 WHERE name = ? AND owner = ?", name, owner);
    }

    private int update(String sql, Object... args) {
        return JdbcStatements.update(dataSource, "lease", sql, args);
    }
}
