package io.camellanggraph.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camellanggraph.component.LangGraphComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A Camel context set up like any Camel runtime that has the {@code langgraph} component on its classpath: routes
 * loaded from YAML (Kamelets resolved from {@code classpath:kamelets}, the default location), platform-http on a free
 * loopback port for the webhook receiver, the component pointed at a real LangGraph server. Beans named
 * {@code collect-<name>} collect the messages that reach them ({@link #collected}).
 */
public final class YamlApp implements AutoCloseable {

    private final CamelContext context = new DefaultCamelContext();
    private final Properties properties = new Properties();
    private final int port;
    private final java.util.Map<String, List<Message>> collected = new java.util.concurrent.ConcurrentHashMap<>();

    public YamlApp(LangGraphServer server) throws Exception {
        this(server, LangGraphTestSupport.freePort(), Files.createTempDirectory(Path.of("target").toAbsolutePath(), "yaml-app-"));
    }

    /** An app on this port and data directory: a second one on the same pair is the first one restarted. */
    public YamlApp(LangGraphServer server, int port, Path dataDir) throws Exception {
        this(server.url(), port, dataDir);
    }

    /** An app whose component points at this LangGraph URL (a server that may not run, for tests that start no run). */
    public YamlApp(String langgraphUrl, int port, Path dataDir) throws Exception {
        this.port = port;
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(http));
        LangGraphComponent langgraph = new LangGraphComponent();
        langgraph.getConfiguration().setUrl(langgraphUrl);
        langgraph.setDataDir(dataDir.toString());
        langgraph.setWebhookBaseUrl("http://127.0.0.1:" + port);
        langgraph.setWebhookSecret(LangGraphTestSupport.SECRET);
        context.addComponent("langgraph", langgraph);
        context.getPropertiesComponent().setInitialProperties(properties);
    }

    public YamlApp property(String key, String value) {
        properties.setProperty(key, value);
        return this;
    }

    public YamlApp bind(String name, Object bean) {
        context.getRegistry().bind(name, bean);
        return this;
    }

    /** Routes of the YAML text; {@code process: {ref: collect-<name>}} steps collect into {@link #collected(String)}. */
    public YamlApp routes(String yaml) throws Exception {
        return load(ResourceHelper.fromString("routes-" + System.nanoTime() + ".camel.yaml", yaml));
    }

    public YamlApp routes(Path file) throws Exception {
        return load(ResourceHelper.fromString(file.getFileName().toString(), Files.readString(file)));
    }

    private YamlApp load(Resource resource) throws Exception {
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("collect-([A-Za-z0-9_-]+)")
                .matcher(new String(resource.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        while (refs.find()) {
            String name = refs.group(1);
            if (collected.putIfAbsent(name, new CopyOnWriteArrayList<>()) == null) {
                context.getRegistry().bind("collect-" + name, (Processor) e -> collected.get(name).add(e.getMessage().copy()));
            }
        }
        PluginHelper.getRoutesLoader(context).loadRoutes(resource);
        return this;
    }

    public YamlApp start() {
        context.start();
        return this;
    }

    /** Scheme, host and port of this context's webhook receiver (platform-http). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public CamelContext context() {
        return context;
    }

    public LangGraphComponent langgraph() {
        return context.getComponent("langgraph", LangGraphComponent.class);
    }

    public List<Message> collected(String name) {
        return collected.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
