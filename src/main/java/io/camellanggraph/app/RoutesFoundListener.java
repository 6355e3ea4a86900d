package io.camellanggraph.app;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says which routes pattern Camel Main loaded and how many routes it found, and stops the startup when it found
 * none: a pattern pointing at the wrong directory would otherwise give an app that runs and does nothing.
 */
final class RoutesFoundListener extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesFoundListener.class);

    /** Before the routes load: a missing directory would otherwise fail as a bare NoSuchFileException. */
    @Override
    public void beforeConfigure(BaseMainSupport main) {
        // Camel Main has not applied its settings yet: the pattern as the settings give it
        String pattern = main.getCamelContext().resolvePropertyPlaceholders(
                AppSettings.of(main.getCamelContext()).get("camel.main.routes-include-pattern", ""));
        for (String part : pattern.split(",")) {
            String path = part.trim();
            if (!path.startsWith("file:")) {
                continue;
            }
            path = path.substring("file:".length());
            int wildcard = path.indexOf('*');
            Path dir = wildcard < 0 ? Path.of(path).getParent() : Path.of(path.substring(0, path.lastIndexOf('/', wildcard) + 1));
            if (dir != null && !Files.isDirectory(dir)) {
                throw new IllegalStateException("no routes: " + dir.toAbsolutePath() + " does not exist" + hint(pattern));
            }
        }
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        String pattern = pattern(main);
        int routes = context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions().size();
        if (routes == 0) {
            throw new IllegalStateException("no routes found" + hint(pattern));
        }
        LOG.info("Routes: {} found with camel.main.routes-include-pattern={}", routes, pattern);
    }

    private static String hint(String pattern) {
        return " (camel.main.routes-include-pattern=" + pattern + ", LANGGRAPH_HOME=" + AppSettings.home()
                + "): point LANGGRAPH_HOME at the directory holding routes/, or set CAMEL_MAIN_ROUTES_INCLUDE_PATTERN";
    }

    private static String pattern(BaseMainSupport main) {
        return main.getCamelContext().resolvePropertyPlaceholders(String.valueOf(main.configure().getRoutesIncludePattern()));
    }
}
