package io.camellanggraph.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.camellanggraph.store.StoreLocation;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code langgraph.cluster.enabled=true}: the app's {@code quartz:} routes run on Quartz's clustered JDBC job store
 * in the PostgreSQL database of the callback store ({@code langgraph.store.url}, {@code .user}, {@code .password}),
 * so several instances share every schedule and each tick fires on exactly one of them; when an instance dies the
 * others take its triggers over. Quartz's tables ({@code tables_postgres.sql} from the quartz jar) are created on
 * start when missing. Off (the default): camel-quartz's in-memory job store, no database needed.
 *
 * <p>Settings (all optional): {@code langgraph.cluster.threads} (Quartz worker threads, 5),
 * {@code langgraph.cluster.checkin-interval} (ms between an instance's heartbeats; a dead instance's triggers are
 * taken over about this long plus Quartz's fixed 7.5 s after its last one, 5000),
 * {@code langgraph.cluster.misfire-threshold} (ms a tick may be late before it counts as missed and follows its
 * trigger's misfire instruction, e.g. the Kamelet's "do nothing"; 5000, below the take-over time, so the ticks a dead
 * instance held are skipped rather than replayed in a burst; Quartz's own default is 60000), and any Quartz
 * property as {@code langgraph.cluster.quartz.<org.quartz...>}. Explicit {@code camel.component.quartz.properties}
 * entries win over all of these.
 */
final class QuartzClusterListener extends MainListenerSupport {

    static final String DATA_SOURCE = "langgraph";
    private static final Logger LOG = LoggerFactory.getLogger(QuartzClusterListener.class);
    private static final String PASS_THROUGH = "langgraph.cluster.quartz.";
    /** pg_advisory_xact_lock key: instances starting together create the tables once. */
    private static final long TABLES_LOCK = 0x4c47_5154_4142_4c45L;

    @Override
    public void afterConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        if (!Boolean.parseBoolean(property(properties, "langgraph.cluster.enabled", "false"))) {
            return;
        }
        // the component's own store: the cluster's schedules live in the database its instances share
        StoreLocation store = AppSettings.of(main.getCamelContext()).storeLocation();
        String url = store.jdbcUrl();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("langgraph.cluster.enabled=true needs the shared PostgreSQL database in"
                    + " langgraph.store.url (jdbc:postgresql://host:port/database)");
        }
        String user = store.user();
        String password = store.password();
        Properties quartz = quartzProperties(url, user, password, properties);
        try {
            createTablesIfMissing(url, user, password, quartz.getProperty("org.quartz.jobStore.tablePrefix"));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot create Quartz's tables in " + url + ": " + e.getMessage(), e);
        }
        QuartzComponent component = main.getCamelContext().getComponent("quartz", QuartzComponent.class);
        if (component.getProperties() != null) {
            quartz.putAll(component.getProperties());
        }
        component.setProperties(quartz);
        LOG.info("Quartz clustered on {} (JDBC job store, check-in every {} ms)", url,
                quartz.getProperty("org.quartz.jobStore.clusterCheckinInterval"));
    }

    static Properties quartzProperties(String url, String user, String password, PropertiesComponent properties) {
        int threads = Integer.parseInt(property(properties, "langgraph.cluster.threads", "5"));
        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceName", property(properties, "camel.main.name", "camel-langgraph"));
        quartz.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        quartz.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        quartz.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        quartz.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        quartz.setProperty("org.quartz.jobStore.isClustered", "true");
        quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", property(properties, "langgraph.cluster.checkin-interval", "5000"));
        quartz.setProperty("org.quartz.jobStore.misfireThreshold", property(properties, "langgraph.cluster.misfire-threshold", "5000"));
        quartz.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        String ds = "org.quartz.dataSource." + DATA_SOURCE + ".";
        quartz.setProperty(ds + "provider", "hikaricp");
        quartz.setProperty(ds + "driver", "org.postgresql.Driver");
        quartz.setProperty(ds + "URL", url);
        quartz.setProperty(ds + "user", user);
        quartz.setProperty(ds + "password", password);
        // a connection per worker thread, plus the scheduler's own and the cluster manager's
        quartz.setProperty(ds + "maxConnections", Integer.toString(threads + 3));
        for (Map.Entry<Object, Object> e : properties.loadProperties(k -> k.startsWith(PASS_THROUGH)).entrySet()) {
            quartz.setProperty(e.getKey().toString().substring(PASS_THROUGH.length()),
                    properties.resolveProperty(e.getKey().toString()).orElse(e.getValue().toString()));
        }
        return quartz;
    }

    /** Runs the quartz jar's own tables_postgres.sql (without its DROP statements) once, when its lock table is missing. */
    static void createTablesIfMissing(String url, String user, String password, String prefix) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + TABLES_LOCK + ")");
                boolean present;
                try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + (prefix + "LOCKS").toLowerCase(Locale.ROOT) + "')")) {
                    present = rs.next() && rs.getString(1) != null;
                }
                if (!present) {
                    List<String> statements = createStatements(prefix);
                    for (String statement : statements) {
                        s.execute(statement);
                    }
                    LOG.info("Created Quartz's tables ({} statements of tables_postgres.sql) in {}", statements.size(), url);
                }
            }
            c.commit();
        }
    }

    static List<String> createStatements(String prefix) throws IOException {
        String sql;
        try (InputStream in = org.quartz.impl.jdbcjobstore.PostgreSQLDelegate.class
                .getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
            if (in == null) {
                throw new IOException("tables_postgres.sql not found in the quartz jar");
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder withoutComments = new StringBuilder();
        sql.lines().filter(line -> !line.strip().startsWith("--")).forEach(line -> withoutComments.append(line).append('\n'));
        List<String> statements = new ArrayList<>();
        for (String statement : withoutComments.toString().split(";")) {
            String s = statement.strip();
            String upper = s.toUpperCase(Locale.ROOT);
            if (!s.isEmpty() && !upper.startsWith("DROP ") && !upper.equals("COMMIT")) {
                statements.add(s.replace("QRTZ_", prefix));
            }
        }
        return statements;
    }

    private static String property(PropertiesComponent properties, String key, String defaultValue) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(defaultValue);
    }
}
