package io.camellanggraph.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jars a user adds without rebuilding the app: every {@code *.jar} in {@code <home>/lib/} (or {@code LANGGRAPH_LIB_DIR}
 * / {@code -Dlanggraph.lib-dir}) is loaded at startup, before the routes, so a YAML route can use a Camel component
 * (or a JDBC driver, a bean class) that the app does not ship. The jars and their order (by name) are logged. They
 * are a class loader below the app's own: a class both have is the app's.
 */
public final class ExtraLibraries extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ExtraLibraries.class);

    private final ClassLoader loader;

    private ExtraLibraries(ClassLoader loader) {
        this.loader = loader;
    }

    /** The configured directory: {@code langgraph.lib-dir}, {@code LANGGRAPH_LIB_DIR}, else {@code <home>/lib}. */
    public static Path directory() {
        String dir = System.getProperty("langgraph.lib-dir", System.getenv().getOrDefault("LANGGRAPH_LIB_DIR", ""));
        return dir.isBlank() ? AppSettings.home().resolve("lib") : Path.of(dir.trim()).toAbsolutePath().normalize();
    }

    /**
     * Loads the jars of {@code dir} (none when it does not exist) and makes their class loader this thread's context
     * class loader, which the libraries that look classes up by name use.
     */
    public static ExtraLibraries load(Path dir) {
        ClassLoader app = ExtraLibraries.class.getClassLoader();
        List<Path> jars = jars(dir);
        if (jars.isEmpty()) {
            LOG.info("Extra jars: none in {}", dir);
            return new ExtraLibraries(app);
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("cannot load " + jar + ": " + e.getMessage(), e);
            }
        }
        URLClassLoader loader = new URLClassLoader("langgraph-lib", urls.toArray(URL[]::new), app);
        Thread.currentThread().setContextClassLoader(loader);
        LOG.info("Extra jars: {} loaded from {}: {}", jars.size(), dir, jars.stream().map(p -> p.getFileName().toString()).toList());
        return new ExtraLibraries(loader);
    }

    /** Camel resolves components, languages, data formats and bean classes through this loader. */
    @Override
    public void beforeConfigure(BaseMainSupport main) {
        main.getCamelContext().setApplicationContextClassLoader(loader);
    }

    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
