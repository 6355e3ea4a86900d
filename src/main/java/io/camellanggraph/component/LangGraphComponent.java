package io.camellanggraph.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camellanggraph.callback.CallbackHub;
import io.camellanggraph.callback.CallbackTokens;
import io.camellanggraph.callback.CallbackUrls;
import io.camellanggraph.callback.WebhookReceiver;
import io.camellanggraph.callback.WebhookSecrets;
import io.camellanggraph.client.CallTimeouts;
import io.camellanggraph.client.LangGraphClient;
import io.camellanggraph.component.health.LangGraphHealthChecks;
import io.camellanggraph.cron.CronChange;
import io.camellanggraph.cron.QuartzSchedules;
import io.camellanggraph.store.CallbackStore;
import io.camellanggraph.store.JdbcCallbackStore;
import io.camellanggraph.store.StoreLocation;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;

/**
 * The {@code langgraph} component: producers for every LangGraph API call, {@code langgraph:webhook[/name]}
 * consumers for run outcomes, {@code langgraph:cron/<name>} consumers for server-side crons. Holds what the
 * endpoints share: one pooled API client (over camel-http's connection manager), and, started on first use,
 * the callback path (receiver on platform-http, durable inbox, correlator, reconciler); and registers the health
 * checks of the LangGraph server and the callback store ({@link LangGraphHealthChecks}).
 *
 * <p>Longer than 300 lines for a Camel reason: every component option is a documented field with its getter and
 * setter (the generated configurer and the catalog need them); the logic is the callback path's lifecycle.
 */
@Component("langgraph")
public class LangGraphComponent extends HealthCheckComponent {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LangGraphComponent.class);

    @Metadata(description = "Default options of every endpoint (url, apiKey, ...).")
    private LangGraphConfiguration configuration = new LangGraphConfiguration();
    @Metadata(label = "consumer", description = "URL at which the LangGraph server reaches this application's webhook"
            + " receiver, without the path (default http://127.0.0.1:{{camel.server.port}}).")
    private String webhookBaseUrl;
    @Metadata(label = "consumer", defaultValue = "/langgraph/webhook", description = "HTTP path of the webhook receiver"
            + " on platform-http; named callbacks are sub-paths of it.")
    private String webhookPath = "/langgraph/webhook";
    @Metadata(label = "security", secret = true, description = "HMAC secret of the per-run webhook tokens. Empty: generated"
            + " on first start and kept in the data directory. Instances of one cluster must share it.")
    private String webhookSecret;
    @Metadata(label = "security", description = "Name of a static header every webhook must also carry (for deployments that"
            + " set webhooks.headers in langgraph.json), e.g. Authorization.")
    private String webhookHeaderName;
    @Metadata(label = "security", secret = true, description = "Expected value of webhookHeaderName.")
    private String webhookHeaderValue;
    @Metadata(label = "consumer", defaultValue = "10485760", description = "Largest webhook body accepted, in bytes; larger is"
            + " answered 413.")
    private long maxBodySize = 10L * 1024 * 1024;
    @Metadata(defaultValue = "data", description = "Directory of the embedded store and the generated webhook secret.")
    private String dataDir = "data";
    @Metadata(label = "advanced", description = "JDBC URL of the callback store. Empty: SQLite in the data directory."
            + " A jdbc:postgresql URL shares inbox, de-duplication and pending runs across a cluster.")
    private String storeUrl;
    @Metadata(label = "advanced", description = "User of the callback store database.")
    private String storeUser;
    @Metadata(label = "advanced,security", secret = true, description = "Password of the callback store database.")
    private String storePassword;
    @Metadata(label = "consumer", defaultValue = "300000", javaType = "java.time.Duration", description = "A run started with"
            + " webhook=auto whose callback has not come after this long is looked up on the server (and routed with source"
            + " poll if it ended).")
    private long reconcileAfter = 300_000;
    @Metadata(label = "consumer", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How often the reconciler looks for overdue runs.")
    private long reconcileInterval = 30_000;
    @Metadata(label = "consumer", defaultValue = "30000", javaType = "java.time.Duration", description = "How long an"
            + " instance's claim on an outcome it is confirming or routing holds without being renewed (it renews every"
            + " third of it). When an instance dies, the others take its claimed outcomes over after at most this long.")
    private long leaseTime = 30_000;
    @Metadata(label = "consumer,security", defaultValue = "200", description = "Claims a second from webhook senders at"
            + " which a second counts as a flood, when at least half of the claims checked were refused by the server (a leaked"
            + " webhook URL) or could not be checked (server unreachable): then at most floodChecksPerSecond claims from senders are checked a second and the"
            + " rest wait, recorded, in the inbox until claims arrive slower. 0: never a flood, every claim is checked at once.")
    private int floodClaimsPerSecond = 200;
    @Metadata(label = "consumer,security", defaultValue = "20", description = "During a flood (floodClaimsPerSecond), how"
            + " many claims from webhook senders are checked a second, each with a GET on the LangGraph server. Runs this"
            + " application or a cron started are still found by polling.")
    private int floodChecksPerSecond = 20;
    @Metadata(label = "consumer", defaultValue = "604800000", javaType = "java.time.Duration", description = "How long routed"
            + " (and orphaned) outcomes stay in the inbox: a re-sent webhook within this window is a duplicate. Failed"
            + " outcomes stay until replayed.")
    private long dedupWindow = 7L * 24 * 3600 * 1000;
    @Metadata(label = "consumer", defaultValue = "2592000000", javaType = "java.time.Duration", description = "How long the"
            + " store keeps finished decisions (their resume run started, or cancelled), closed interrupts (answered,"
            + " expired, gone) and settled schedule ticks (their run ended, or they had none). Older rows are deleted every"
            + " 10 minutes, in small batches, by one instance of a cluster at a time.")
    private long retention = 30L * 24 * 3600 * 1000;
    @Metadata(label = "consumer", defaultValue = "true", description = "Read the thread state of successful runs to flag"
            + " those that stopped at an interrupt (CamelLangGraphInterrupted).")
    private boolean detectInterrupts = true;
    @Metadata(label = "security", description = "Route a webhook's posted body as it is, without confirming it with the server"
            + " first. By default every callback is only a claim: the run, its thread's values and its error are fetched"
            + " with the API key (two or three GETs per outcome), checked to belong to the callback, and that copy is"
            + " routed. Only for a server on a trusted private network whose run data nobody else can read: anyone who"
            + " has seen a run's webhook URL can then have invented outcomes routed.")
    private boolean trustWebhookBody;
    @Metadata(label = "consumer", defaultValue = "camel-langgraph", description = "Name under which this application owns"
            + " server-side crons (metadata camel_langgraph_app); applications sharing a server need different names.")
    private String appName = "camel-langgraph";
    @Metadata(label = "consumer", description = "Plan mode: cron consumers print what they would create, change or delete on"
            + " the server, and change nothing.")
    private boolean planOnly;
    @Metadata(label = "consumer", defaultValue = "4", description = "Threads confirming received outcomes with the server and"
            + " handing them to their routes; also the most API calls the callback path has in flight at once.")
    private int dispatchThreads = 4;
    /**
     * Claims waiting for a dispatch thread; the rest wait in the inbox for a rescan. The thread pool's queue is twice
     * as long: the second half is for the outcomes the server gives by polling, which pass a flood of claims.
     */
    private static final int DISPATCH_QUEUE_SIZE = 1000;

    @Metadata(defaultValue = "5000", javaType = "java.time.Duration", description = "Every call to the LangGraph server:"
            + " how long opening its connection may take.")
    private long connectTimeout = 5_000;
    @Metadata(defaultValue = "30000", javaType = "java.time.Duration", description = "Every call to the LangGraph server"
            + " but those that wait for a run: how long the server may stay silent, before answering or between the bytes"
            + " of its answer.")
    private long responseTimeout = 30_000;
    @Metadata(defaultValue = "60000", javaType = "java.time.Duration", description = "Every call to the LangGraph server"
            + " but those that wait for a run: how long it may take as a whole (a free connection, connecting, sending,"
            + " reading the answer); then it is cancelled and fails with LangGraphTimeoutException.")
    private long requestTimeout = 60_000;
    @Metadata(defaultValue = "600000", javaType = "java.time.Duration", description = "The calls that last as long as the"
            + " run: wait, stream, joinRun and cancelRun with cancelWait: how long each may take as a whole, and stay"
            + " silent (the JS server sends nothing on join and stream until the run has something to say).")
    private long waitTimeout = 600_000;

    @Metadata(label = "consumer", defaultValue = "/langgraph/resume", description = "HTTP path of the resume URLs on"
            + " platform-http: <webhookBaseUrl><resumePath>/<handle> (GET shows the question, POST answers).")
    private String resumePath = "/langgraph/resume";

    private final ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final List<CronChange> cronChanges = new CopyOnWriteArrayList<>();
    /** Runs this context's producers started, per assistant (graph name or id as sent); metrics read it. */
    private final io.camellanggraph.callback.CallbackCounters runsStarted = new io.camellanggraph.callback.CallbackCounters();
    private final WebhookUrlStatus webhookUrlStatus = new WebhookUrlStatus();
    private CloseableHttpClient httpClient;
    private final Map<List<String>, LangGraphClient> clients = new ConcurrentHashMap<>();
    private CallbackStore store;
    private volatile CallbackHub hub;
    private ReceiverBinding receiver;
    private ExecutorService dispatcher;
    private ScheduledExecutorService scheduler;
    /** Renews the claims' leases, and nothing else: never behind a call to the server. */
    private ScheduledExecutorService leases;
    /** Reconcile, interrupt expiry, resume recovery, pruning: the passes that call the server or read many rows. */
    private ScheduledExecutorService background;
    /** Cancels the calls to the server that pass their total deadline; it only aborts connections, never waits. */
    private ScheduledExecutorService deadlines;
    private final LangGraphHealthChecks healthChecks = new LangGraphHealthChecks(this);
    private ResumeReceiverBinding resumeBinding;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String[] parts = remaining.split("/", 2);
        LangGraphOperation operation = LangGraphOperation.of(parts[0]);
        if (operation == LangGraphOperation.schedule) {
            return QuartzSchedules.endpoint(getCamelContext(), parts.length > 1 ? parts[1] : null, parameters,
                    () -> ScheduleEventNotifier.schedules(this));
        }
        LangGraphEndpoint endpoint = new LangGraphEndpoint(uri, this, operation, parts.length > 1 ? parts[1] : null,
                configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The API client for a server URL and API key, shared by every endpoint that uses the same pair. */
    synchronized LangGraphClient client(LangGraphConfiguration endpointConfiguration) {
        String url = endpointConfiguration.getUrl();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("langgraph: no server URL; set camel.component.langgraph.url (langgraph.url)");
        }
        if (httpClient == null) {
            httpClient = HttpClients.custom().setConnectionManager(connectionManager()).setConnectionManagerShared(true).build();
        }
        String apiKey = endpointConfiguration.getApiKey();
        CallTimeouts timeouts = new CallTimeouts(Duration.ofMillis(connectTimeout), Duration.ofMillis(responseTimeout),
                Duration.ofMillis(requestTimeout), Duration.ofMillis(waitTimeout));
        return clients.computeIfAbsent(Arrays.asList(stripSlash(url), apiKey),
                key -> new LangGraphClient(httpClient, url, apiKey, mapper, timeouts, deadlines));
    }

    /** The client the health check asks the server's {@code /info} with: the same pool and settings as every call. */
    public LangGraphClient serverClient(LangGraphConfiguration configuration) {
        return client(configuration);
    }

    /**
     * camel-http's pooled connection manager: its pool size is set as camel.component.http.* (maxTotalConnections,
     * connectionsPerRoute). The timeouts are this component's own (connectTimeout, responseTimeout, requestTimeout,
     * waitTimeout), set on each call: camel-http's timeout options do not reach these calls.
     */
    private HttpClientConnectionManager connectionManager() {
        HttpComponent http = getCamelContext().getComponent("http", HttpComponent.class);
        if (http.getClientConnectionManager() == null) {
            http.setClientConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(http.getMaxTotalConnections())
                    .setMaxConnPerRoute(http.getConnectionsPerRoute())
                    .build());
        }
        return http.getClientConnectionManager();
    }

    /**
     * The callback path, started on first use by a webhook consumer or a producer that sends webhook=auto, once: when a
     * part fails to start, what was opened is closed again and the next use tries anew. The receiver is bound on every
     * call until a bind succeeds (in Camel Main platform-http may not be ready at the component's start).
     */
    public synchronized CallbackHub callbackHub() throws Exception {
        if (hub == null) {
            hub = startCallbackPath();
        }
        receiver.bind();
        return hub;
    }

    private CallbackHub startCallbackPath() throws Exception {
        Path data = Path.of(dataDir);
        Files.createDirectories(data);
        CallbackHub created = null;
        try {
            // the secret first: it is the part a user's setting most often gets wrong, and it opens nothing
            byte[] secret = WebhookSecrets.resolve(webhookSecret, data);
            CallbackTokens tokens = new CallbackTokens(secret);
            store = StoreLocation.of(storeUrl, storeUser, storePassword, data).open();
            // a full queue refuses instead of running confirmations on the receiving threads: the claim is durable in
            // the inbox already, and is taken up by the hub's next rescan, so the 2xx stays fast under any load
            dispatcher = getCamelContext().getExecutorServiceManager().newThreadPool(this, "LangGraphDispatch",
                    new ThreadPoolProfileBuilder("LangGraphDispatch").poolSize(dispatchThreads).maxPoolSize(dispatchThreads)
                            .maxQueueSize(2 * DISPATCH_QUEUE_SIZE).rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build());
            // one timeout task per awaiting exchange: the queue must not be bounded (Camel's default caps it at 1,000)
            scheduler = getCamelContext().getExecutorServiceManager().newScheduledThreadPool(this, "LangGraphScheduler",
                    new ThreadPoolProfileBuilder("LangGraphScheduler").poolSize(1).maxQueueSize(-1).build());
            leases = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "LangGraphLeases");
            // two threads: a reconcile pass waiting on a silent server does not hold up the interrupts' expiry
            background = getCamelContext().getExecutorServiceManager().newScheduledThreadPool(this, "LangGraphBackground", 2);
            created = new CallbackHub(client(configuration), store, new CallbackUrls(receiverBaseUrl() + webhookPath, tokens),
                    new CallbackHub.Pools(dispatcher, scheduler, leases, background), new CallbackHub.CallbackOptions(detectInterrupts, trustWebhookBody, reconcileAfter,
                            reconcileInterval, dedupWindow, leaseTime, DISPATCH_QUEUE_SIZE, floodClaimsPerSecond,
                            floodChecksPerSecond));
            ServiceHelper.startService(created);
            JdbcCallbackStore jdbc = (JdbcCallbackStore) store;
            resumeBinding.start(created, jdbc, secret, receiverBaseUrl() + resumePath, background, leaseTime);
            background.scheduleWithFixedDelay(StoreRetention.of(jdbc, dedupWindow, retention), 1, StoreRetention.PRUNE_MINUTES,
                    TimeUnit.MINUTES);
            return created;
        } catch (Exception | Error e) {
            stopCallbackPath(created);
            throw e;
        }
    }

    /** Stops what {@link #startCallbackPath()} opened (any part may be missing after a failed start). */
    private void stopCallbackPath(CallbackHub started) {
        // the resume desk's expiries first, then waiting exchanges fail (CallbackHub's stop), then the pools drain,
        // then the store closes
        if (resumeBinding != null) {
            resumeBinding.stop();
        }
        ServiceHelper.stopService(started);
        if (dispatcher != null) {
            getCamelContext().getExecutorServiceManager().shutdownGraceful(dispatcher);
            dispatcher = null;
        }
        if (scheduler != null) {
            // what it still holds are re-checks and timeouts of claims that are durable anyway (waiters failed above)
            getCamelContext().getExecutorServiceManager().shutdownNow(scheduler);
            scheduler = null;
        }
        // leases left unrenewed run out; what the background passes did not finish, the next start does again
        for (ScheduledExecutorService pool : new ScheduledExecutorService[] {leases, background}) {
            if (pool != null) {
                getCamelContext().getExecutorServiceManager().shutdownNow(pool);
            }
        }
        leases = null;
        background = null;
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private String receiverBaseUrl() {
        if (webhookBaseUrl != null && !webhookBaseUrl.isBlank()) {
            return stripSlash(webhookBaseUrl);
        }
        return "http://127.0.0.1:" + getCamelContext().resolvePropertyPlaceholders("{{camel.server.port:8080}}");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        deadlines = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "LangGraphDeadlines");
        healthChecks.register();
        // callbacks are answered 503 (retried by the server) until the context has started every route, and again
        // from the moment it begins to stop; never 404 by an HTTP server that has no route for them yet
        receiver = new ReceiverBinding(getCamelContext(), webhookPath, new WebhookReceiver(() -> hub, mapper, webhookPath,
                maxBodySize, webhookHeaderName, webhookHeaderValue, () -> getCamelContext().isStarted()));
        resumeBinding = new ResumeReceiverBinding(getCamelContext(), resumePath, mapper);
        try {
            receiver.bind();
            resumeBinding.bind();
        } catch (Exception notReadyYet) {
            LOG.debug("Webhook receiver bound on first use: {}", notReadyYet.getMessage());
        }
    }

    @Override
    protected void doStop() throws Exception {
        healthChecks.unregister();
        // the receiver stays bound, answering 503, until the context has stopped (ReceiverBinding)
        stopCallbackPath(hub);
        if (httpClient != null) {
            httpClient.close();
        }
        hub = null;
        clients.clear();
        httpClient = null;
        getCamelContext().getExecutorServiceManager().shutdownNow(deadlines);
        deadlines = null;
        super.doStop();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    void reportCronChange(CronChange change) {
        cronChanges.add(change);
    }

    /** Whether the webhook receiver is on the HTTP server's router (from then on it answers every callback itself). */
    public boolean isReceiverBound() {
        return receiver != null && receiver.isBound();
    }

    /** The callback store, once the callback path has started (health checks read it without starting it). */
    public synchronized Optional<CallbackStore> callbackStore() {
        return Optional.ofNullable(hub == null ? null : store);
    }

    /** Runs started by this context's producers (run, wait, stream, batch), counted per assistant. */
    public io.camellanggraph.callback.CallbackCounters runsStarted() {
        return runsStarted;
    }

    /**
     * Whether the webhook receiver records callbacks now: bound, and the context started and not stopping (before and
     * after, it answers 503).
     */
    public boolean isReceiverAccepting() {
        return isReceiverBound() && getCamelContext().isStarted();
    }

    /** Whether the server accepts this application's webhook URL (run and cron creations report to it). */
    public WebhookUrlStatus webhookUrlStatus() {
        return webhookUrlStatus;
    }

    /** What the cron consumers of this context did (or, in plan mode, would do) to the server's crons. */
    public List<CronChange> getCronChanges() {
        return List.copyOf(cronChanges);
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** The resumer of pending interrupts, once the callback path has started; null before (operator page). */
    public io.camellanggraph.resume.InterruptResumer interruptResumer() {
        ResumeReceiverBinding desk = resumeBinding;
        return desk == null ? null : desk.current();
    }

    /** The resume URL, the resumer and the handles on interrupted outcomes (human in the loop). */
    ResumeReceiverBinding resumeBinding() {
        return resumeBinding;
    }

    // options

    public LangGraphConfiguration getConfiguration() { return configuration; }
    public void setConfiguration(LangGraphConfiguration configuration) { this.configuration = configuration; }
    public String getWebhookBaseUrl() { return webhookBaseUrl; }
    public void setWebhookBaseUrl(String webhookBaseUrl) { this.webhookBaseUrl = webhookBaseUrl; }
    public String getWebhookPath() { return webhookPath; }
    public void setWebhookPath(String webhookPath) { this.webhookPath = webhookPath; }
    public String getWebhookSecret() { return webhookSecret; }
    public void setWebhookSecret(String webhookSecret) { this.webhookSecret = webhookSecret; }
    public String getWebhookHeaderName() { return webhookHeaderName; }
    public void setWebhookHeaderName(String webhookHeaderName) { this.webhookHeaderName = webhookHeaderName; }
    public String getWebhookHeaderValue() { return webhookHeaderValue; }
    public void setWebhookHeaderValue(String webhookHeaderValue) { this.webhookHeaderValue = webhookHeaderValue; }
    public long getMaxBodySize() { return maxBodySize; }
    public void setMaxBodySize(long maxBodySize) { this.maxBodySize = maxBodySize; }
    public String getDataDir() { return dataDir; }
    public void setDataDir(String dataDir) { this.dataDir = dataDir; }
    public String getStoreUrl() { return storeUrl; }
    public void setStoreUrl(String storeUrl) { this.storeUrl = storeUrl; }
    public String getStoreUser() { return storeUser; }
    public void setStoreUser(String storeUser) { this.storeUser = storeUser; }
    public String getStorePassword() { return storePassword; }
    public void setStorePassword(String storePassword) { this.storePassword = storePassword; }
    public long getReconcileAfter() { return reconcileAfter; }
    public void setReconcileAfter(long reconcileAfter) { this.reconcileAfter = reconcileAfter; }
    public long getReconcileInterval() { return reconcileInterval; }
    public void setReconcileInterval(long reconcileInterval) { this.reconcileInterval = reconcileInterval; }
    public long getRetention() { return retention; }
    public void setRetention(long retention) { this.retention = retention; }
    public long getDedupWindow() { return dedupWindow; }
    public void setDedupWindow(long dedupWindow) { this.dedupWindow = dedupWindow; }
    public boolean isDetectInterrupts() { return detectInterrupts; }
    public void setDetectInterrupts(boolean detectInterrupts) { this.detectInterrupts = detectInterrupts; }
    public boolean isTrustWebhookBody() { return trustWebhookBody; }
    public void setTrustWebhookBody(boolean trustWebhookBody) { this.trustWebhookBody = trustWebhookBody; }
    public boolean isPlanOnly() { return planOnly; }
    public void setPlanOnly(boolean planOnly) { this.planOnly = planOnly; }
    public String getAppName() { return appName; }
    public void setAppName(String appName) { this.appName = appName; }
    public long getLeaseTime() { return leaseTime; }
    public void setLeaseTime(long leaseTime) { this.leaseTime = leaseTime; }
    public int getFloodClaimsPerSecond() { return floodClaimsPerSecond; }
    public void setFloodClaimsPerSecond(int floodClaimsPerSecond) { this.floodClaimsPerSecond = floodClaimsPerSecond; }
    public int getFloodChecksPerSecond() { return floodChecksPerSecond; }
    public void setFloodChecksPerSecond(int floodChecksPerSecond) { this.floodChecksPerSecond = floodChecksPerSecond; }
    public String getResumePath() { return resumePath; }
    public void setResumePath(String resumePath) { this.resumePath = resumePath; }
    public long getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(long connectTimeout) { this.connectTimeout = connectTimeout; }
    public long getResponseTimeout() { return responseTimeout; }
    public void setResponseTimeout(long responseTimeout) { this.responseTimeout = responseTimeout; }
    public long getRequestTimeout() { return requestTimeout; }
    public void setRequestTimeout(long requestTimeout) { this.requestTimeout = requestTimeout; }
    public long getWaitTimeout() { return waitTimeout; }
    public void setWaitTimeout(long waitTimeout) { this.waitTimeout = waitTimeout; }
    public int getDispatchThreads() { return dispatchThreads; }
    public void setDispatchThreads(int dispatchThreads) { this.dispatchThreads = dispatchThreads; }
}
