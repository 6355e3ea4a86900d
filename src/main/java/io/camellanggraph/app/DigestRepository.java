package io.camellanggraph.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The digest aggregator's persistent repository: camel-sql's {@link JdbcAggregationRepository} (optimistic locking on
 * a version column, completed groups kept in {@code <table>_completed} until their digest was sent, and recovered
 * after a crash) on the outputs' database, SQLite or PostgreSQL. Two things differ from the parent: it creates its two
 * tables when missing, and it reads a group's version with {@code getLong}, because SQLite's driver answers a small
 * integer as an {@code Integer} where the parent expects a {@code Long} or a {@code BigDecimal}.
 */
public class DigestRepository extends JdbcAggregationRepository {

    public DigestRepository(DataSource dataSource, String table) {
        super(new DataSourceTransactionManager(dataSource), table, dataSource);
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

    @Override
    protected void doStart() throws Exception {
        createTables();
        super.doStart();
    }

    private void createTables() throws SQLException {
        try (Connection c = getDataSource().getConnection(); Statement s = c.createStatement()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            for (String table : new String[] {getRepositoryName(), getRepositoryNameCompleted()}) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + ID + " VARCHAR(255) NOT NULL PRIMARY KEY, " + EXCHANGE
                        + (postgres ? " BYTEA" : " BLOB") + " NOT NULL, " + VERSION + " BIGINT NOT NULL)");
            }
        }
    }
}
