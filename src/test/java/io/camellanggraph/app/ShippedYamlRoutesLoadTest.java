package io.camellanggraph.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.camellanggraph.app.outputs.OutputsRepositories;
import io.camellanggraph.testsupport.TestDirs;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped route file loads as YAML DSL with the jar's default settings, without any server: a typo, a misplaced
 * key or an unknown EIP in {@code routes/} fails here in a second, before a contributor starts anything.
 */
@Tag("fast")
class ShippedYamlRoutesLoadTest {

    static Stream<Path> shippedRouteFiles() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("routes"))) {
            files = list.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedRouteFiles")
    void shippedRouteFileLoadsWithTheJarsDefaults(Path file) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("classpath:application.properties,classpath:outputs.properties");
            // the beans and repositories the app binds before its routes load (the outputs' store: a fresh SQLite file)
            context.getPropertiesComponent().addOverrideProperty("outputs.store.url",
                    "jdbc:sqlite:" + TestDirs.create("routes-load-").resolve("outputs.db"));
            OutputsRepositories.bind(context);
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, "file:" + file));

            List<RouteDefinition> routes = context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions();
            assertThat(routes).as("routes of " + file).isNotEmpty()
                    .allSatisfy(route -> assertThat(route.getInput()).as("input of " + route.getRouteId()).isNotNull());
        }
    }
}
