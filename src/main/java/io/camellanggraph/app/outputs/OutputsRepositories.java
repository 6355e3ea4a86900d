package io.camellanggraph.app.outputs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.camellanggraph.app.bridge.BridgeRequestExpiry;
import io.camellanggraph.app.bridge.BridgeRequestStore;
import io.camellanggraph.app.bridge.BridgeRequests;
import io.camellanggraph.store.JdbcStatements;
import io.camellanggraph.store.Retention;
import io.camellanggraph.store.StoreLease;
import io.camellanggraph.store.TableSizes;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.TimeUtils;

/**
 * The durable state of the shipped outputs, so that a crash loses nothing there and a redelivery is recognised:
 * <ul>
 * <li>{@value #DIGEST_REPOSITORY}: the digest aggregator's pending group ({@link DigestRepository}, camel-sql's JDBC
 * aggregation repository, with recovery of completed digests that were not sent);</li>
 * <li>{@value #DIGESTED}: the outcomes already aggregated into a digest (idempotent consumer of the digest);</li>
 * <li>{@value #BRIDGE_REQUESTS}: the requests the request-reply bridges accepted, with where their replies go, and
 * whether they were answered ({@link BridgeRequests}).</li>
 * </ul>
 * All three live in one database: {@code outputs.store.url}, by default the SQLite file {@code outputs.db} in the data
 * directory (next to the callback store, one connection as SQLite has one writer), or the cluster's PostgreSQL, so
 * that every instance sees the same groups and the same answered requests. The data source closes with the context.
 *
 * <p>Digested keys older than {@code outputs.retention} (default 30 days) are pruned every {@value #PRUNE_MINUTES}
 * minutes, in small batches, by one instance of a cluster at a time ({@link Retention}); the bridge's requests expire
 * with their own window, {@code outputs.bridge.request-window} ({@link BridgeRequestExpiry}).
 */
public final class OutputsRepositories extends ServiceSupport {

    public static final String DIGEST_REPOSITORY = "digestRepository";
    public static final String DIGESTED = "digestedOutcomes";
    public static final String BRIDGE_REQUESTS = "bridgeRequests";
    /** Table of the pending digest group; completed digests not yet sent wait in {@code lg_digest_completed}. */
    static final String DIGEST_TABLE = "lg_digest";
    private static final String DIGESTED_TABLE = "CAMEL_MESSAGEPROCESSED";
    private static final String DIGESTED_PROCESSOR = "results-digest";
    /** The tables of the outputs' database, as the operator page lists them. */
    public static final List<String> TABLES = List.of("lg_bridge_request", DIGESTED_TABLE, DIGEST_TABLE, DIGEST_TABLE + "_completed");
    static final long PRUNE_MINUTES = 10;

    private final CamelContext context;
    private final HikariDataSource dataSource;
    private final Retention retention;
    private ScheduledExecutorService pruner;

    private OutputsRepositories(CamelContext context, HikariDataSource dataSource, Duration keep) {
        this.context = context;
        this.dataSource = dataSource;
        createDigestedTable();
        this.retention = new Retention("outputs-retention", new StoreLease(dataSource), List.of(
                new Retention.Rule("digested outcome keys", keep, this::pruneDigested)), System::currentTimeMillis);
    }

    /**
     * Opens the outputs' database named by {@code outputs.store.*} and binds the three repositories in the registry,
     * with the routes' beans ({@link OutputBeans}).
     */
    public static OutputsRepositories bind(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        String url = properties.resolveProperty("outputs.store.url").map(String::trim).filter(u -> !u.isEmpty())
                .orElseThrow(() -> new IllegalStateException("outputs.store.url is not set"));
        HikariDataSource dataSource = dataSource(url, properties.resolveProperty("outputs.store.user").orElse(null),
                properties.resolveProperty("outputs.store.password").orElse(null));
        OutputsRepositories repositories = new OutputsRepositories(context, dataSource, TimeUtils.toDuration(
                properties.resolveProperty("outputs.retention").orElse("30d")));
        context.getRegistry().bind(DIGEST_REPOSITORY, new DigestRepository(repositories.dataSource, DIGEST_TABLE,
                Long.parseLong(properties.resolveProperty("mail.digest.recover-after").orElse("30000"))));
        context.getRegistry().bind(DIGESTED, new JdbcMessageIdRepository(repositories.dataSource, DIGESTED_PROCESSOR));
        BridgeRequests bridge = new BridgeRequests(new BridgeRequestStore(dataSource),
                Long.parseLong(properties.resolveProperty("outputs.bridge.request-window")
                        .orElse(Long.toString(BridgeRequests.DEFAULT_WINDOW_MILLIS)).trim()),
                properties.resolveProperty("outputs.bridge.callback").orElse("bridge"));
        context.getRegistry().bind(BRIDGE_REQUESTS, bridge);
        context.addService(new BridgeRequestExpiry(context, bridge), true, true);
        context.getRegistry().bind("outputsRepositories", repositories);
        OutputBeans.bind(context);
        // stopped after the routes, so the aggregator's completion on stop still reaches its repository
        context.addService(repositories, true, true);
        return repositories;
    }

    private static HikariDataSource dataSource(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("langgraph-outputs");
        if (url.startsWith("jdbc:sqlite:")) {
            createParentDirectory(url.substring("jdbc:sqlite:".length()));
            // one writer at a time in SQLite: one connection queues the repositories instead of failing with SQLITE_BUSY;
            // a WAL commit has reached the operating system, so it survives kill -9
            config.setMaximumPoolSize(1);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "10000");
        } else {
            config.setMaximumPoolSize(4);
            config.setUsername(user);
            config.setPassword(password);
        }
        return new HikariDataSource(config);
    }

    private static void createParentDirectory(String file) {
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + parent, e);
        }
    }

    /**
     * The digested keys' table as camel-sql's JdbcMessageIdRepository creates it (it finds it there and leaves it), with
     * the index that lets the oldest keys be found without reading the others.
     */
    private void createDigestedTable() {
        JdbcStatements.schema(dataSource, "digested outcomes", (c, s) -> {
            s.execute("CREATE TABLE IF NOT EXISTS " + DIGESTED_TABLE + " (processorName VARCHAR(255), messageId VARCHAR(100),"
                    + " createdAt TIMESTAMP, PRIMARY KEY (processorName, messageId))");
            s.execute("CREATE INDEX IF NOT EXISTS lg_digested_created ON " + DIGESTED_TABLE + " (processorName, createdAt)");
        });
    }

    /** Deletes at most {@code limit} digested keys recorded before {@code before}: a redelivery is long over by then. */
    int pruneDigested(long before, int limit) {
        return JdbcStatements.update(dataSource, "digested outcomes", "DELETE FROM " + DIGESTED_TABLE + " WHERE processorName = ?"
                + " AND messageId IN (SELECT messageId FROM " + DIGESTED_TABLE + " WHERE processorName = ? AND createdAt < ?"
                + " LIMIT " + limit + ")", DIGESTED_PROCESSOR, DIGESTED_PROCESSOR, new Timestamp(before));
    }

    /** One pruning pass now (tests, the soak); -1 when another instance holds the lease. */
    public int prune() {
        return retention.prune();
    }

    /** Rows and bytes of the outputs' tables (operator page). */
    public List<TableSizes.TableSize> tableSizes() {
        return TableSizes.of(dataSource, TABLES);
    }

    @Override
    protected void doStart() {
        pruner = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "LangGraphOutputsRetention");
        pruner.scheduleWithFixedDelay(retention, 1, PRUNE_MINUTES, TimeUnit.MINUTES);
    }

    @Override
    protected void doStop() {
        if (pruner != null) {
            context.getExecutorServiceManager().shutdownNow(pruner);
        }
        dataSource.close();
    }

    /** Binds the repositories into the app's context before its routes are configured. */
    public static final class Listener extends MainListenerSupport {
        @Override
        public void beforeConfigure(BaseMainSupport main) {
            try {
                bind(main.getCamelContext());
            } catch (Exception e) {
                throw new IllegalStateException("cannot open the outputs' store: " + e.getMessage(), e);
            }
        }
    }
}
