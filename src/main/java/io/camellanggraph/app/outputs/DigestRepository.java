package io.camellanggraph.app.outputs;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.camellanggraph.store.JdbcStatements;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.apache.camel.util.ObjectHelper;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The digest aggregator's persistent repository: camel-sql's {@link JdbcAggregationRepository} (optimistic locking on
 * a version column, completed groups kept in {@code <table>_completed} until their digest was sent, and recovered
 * after a crash) on the outputs' database, SQLite or PostgreSQL. Three things differ from the parent: it creates its
 * two tables when missing; it reads a group's version with {@code getLong}, because SQLite's driver answers a small
 * integer as an {@code Integer} where the parent expects a {@code Long} or a {@code BigDecimal}; and completing a group
 * whose version has moved on is an optimistic-locking failure (see {@link #remove}).
 */
public class DigestRepository extends JdbcAggregationRepository {

    /** Column of the completed table: when the digest was completed (epoch ms), so others recover only a stale one. */
    static final String COMPLETED_AT = "completed_at";

    private final long recoverAfterMillis;

    /**
     * @param recoverAfterMillis how old a completed digest that was not confirmed sent must be before a recovery sends it:
     *                           in a cluster the other instances see the sender's digest in the shared table while it is
     *                           being sent, and must leave it to its sender unless that one died
     */
    public DigestRepository(DataSource dataSource, String table, long recoverAfterMillis) {
        super(new DataSourceTransactionManager(dataSource), table, dataSource);
        this.recoverAfterMillis = recoverAfterMillis;
        // the parent's mapper fails on SQLite's exceptions (no SQL state); every lost race here is an explicit
        // OptimisticLockingException, and anything else is an error, not a race
        setJdbcOptimisticLockingExceptionMapper(e -> ObjectHelper.getException(OptimisticLockingException.class, e) != null);
    }

    /**
     * Stores a group: a new one (no version: the first outcome of a digest) is inserted at a random version, one read
     * from here is updated at the version it was read. The parent inserted a group it had read when its row was gone meanwhile (completed by
     * another thread), so the runs of a digest already sent started the next one as well. Here both lost races are an
     * optimistic-locking failure, and the aggregator retries on what the table holds now.
     */
    @Override
    public Exchange add(CamelContext camelContext, String correlationId, Exchange exchange) {
        Long version = exchange.getProperty(VERSION_PROPERTY, Long.class);
        boolean stored = Boolean.TRUE.equals(transactionTemplate.execute(status -> {
            boolean present = jdbcTemplate.queryForObject("SELECT COUNT(1) FROM " + getRepositoryName() + " WHERE " + ID + " = ?",
                    Integer.class, correlationId) != 0;
            if (present != (version != null)) {
                return false;
            }
            try {
                if (version == null) {
                    // a random first version, not 1: a thread still holding a completed group read at version 1 must
                    // not match the next group of the same key (ABA), nor update or complete it with the old runs
                    insert(camelContext, correlationId, exchange, getRepositoryName(), ThreadLocalRandom.current().nextLong(1L << 40, 1L << 62));
                } else {
                    update(camelContext, correlationId, exchange, getRepositoryName(), version);
                }
                return true;
            } catch (OptimisticLockingException | DataIntegrityViolationException e) {
                // an update at a version that moved on, or another instance's insert of a new group first
                status.setRollbackOnly();
                return false;
            } catch (Exception e) {
                throw new IllegalStateException("cannot store the group " + correlationId, e);
            }
        }));
        if (!stored) {
            throw new OptimisticLockingException();
        }
        return null;
    }

    @Override
    public Exchange get(CamelContext camelContext, String correlationId) {
        return read(camelContext, getRepositoryName(), correlationId);
    }

    @Override
    public Exchange recover(CamelContext camelContext, String exchangeId) {
        return read(camelContext, getRepositoryNameCompleted(), exchangeId);
    }

    private Exchange read(CamelContext camelContext, String table, String id) {
        return transactionTemplateReadOnly.execute(status -> jdbcTemplate.query(
                "SELECT " + EXCHANGE + ", " + VERSION + " FROM " + table + " WHERE " + ID + " = ?", rs -> {
                    if (!rs.next()) {
                        return null;
                    }
                    try {
                        Exchange exchange = jdbcCamelCodec.unmarshallExchange(camelContext, rs.getBytes(1), getDeserializationFilter());
                        exchange.setProperty(VERSION_PROPERTY, rs.getLong(2));
                        return exchange;
                    } catch (java.io.IOException | ClassNotFoundException e) {
                        throw new IllegalStateException("cannot read the group " + id + " of " + table, e);
                    }
                }, id));
    }

    /**
     * Completes a group: deletes it at the version the completing thread read and keeps it as completed. The parent
     * ignores how many rows its DELETE removed, so when another thread had added an outcome in between (a newer
     * version), the stale group went out as a digest while the newer one, holding the same outcomes, stayed for the
     * next digest: one run in two digests. Here nothing is completed then, and the aggregator retries on the newer
     * group (or, for an interval completion, leaves it for the next interval).
     */
    @Override
    public void remove(CamelContext camelContext, String correlationId, Exchange exchange) {
        long version = exchange.getProperty(VERSION_PROPERTY, Long.class);
        boolean removed = Boolean.TRUE.equals(transactionTemplate.execute(status -> {
            if (jdbcTemplate.update("DELETE FROM " + getRepositoryName() + " WHERE " + ID + " = ? AND " + VERSION + " = ?",
                    correlationId, version) != 1) {
                return false;
            }
            try {
                insert(camelContext, exchange.getExchangeId(), exchange, getRepositoryNameCompleted(), version);
                jdbcTemplate.update("UPDATE " + getRepositoryNameCompleted() + " SET " + COMPLETED_AT + " = ? WHERE " + ID + " = ?",
                        System.currentTimeMillis(), exchange.getExchangeId());
            } catch (Exception e) {
                throw new IllegalStateException("cannot keep the completed group " + correlationId, e);
            }
            return true;
        }));
        if (!removed) {
            throw new OptimisticLockingException();
        }
    }

    /**
     * The completed digests to recover: those completed more than {@code recoverAfterMillis} ago and still not confirmed
     * (their sender died, or its mail failed until then). The parent recovers every completed digest, also one another
     * instance is sending right now, which then went out twice.
     */
    @Override
    public Set<String> scan(CamelContext camelContext) {
        return new LinkedHashSet<>(transactionTemplateReadOnly.execute(status -> jdbcTemplate.queryForList(
                "SELECT " + ID + " FROM " + getRepositoryNameCompleted() + " WHERE " + COMPLETED_AT + " IS NULL OR "
                        + COMPLETED_AT + " < ?", String.class, System.currentTimeMillis() - recoverAfterMillis)));
    }

    @Override
    protected void doStart() throws Exception {
        createTables();
        super.doStart();
    }

    private void createTables() {
        JdbcStatements.schema(getDataSource(), "digest", (c, s) -> {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            for (String table : new String[] {getRepositoryName(), getRepositoryNameCompleted()}) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + ID + " VARCHAR(255) NOT NULL PRIMARY KEY, " + EXCHANGE
                        + (postgres ? " BYTEA" : " BLOB") + " NOT NULL, " + VERSION + " BIGINT NOT NULL)");
            }
            if (!JdbcStatements.hasColumn(c, getRepositoryNameCompleted(), COMPLETED_AT)) {
                // completed_at came later: added to a completed table created before it (its old rows: recovered as before)
                s.execute("ALTER TABLE " + getRepositoryNameCompleted() + " ADD COLUMN " + COMPLETED_AT + " BIGINT");
            }
        });
    }
}
