package io.camellanggraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README and the guides under {@code docs/} hold together: every relative link names a file that exists (and, into a
 * Markdown file, a heading it has), and every YAML route they show loads with Camel's YAML DSL as written.
 */
@Tag("fast")
class DocsLinksAndSnippetsTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md"), Path.of("BENCHMARKS.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher link = LINK.matcher(Files.readString(doc));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? doc : doc.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(doc + ": " + target + " (no such file)");
                } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(doc + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyYamlRouteInTheDocsLoads() throws Exception {
        int routes = 0;
        for (Path doc : documents()) {
            Matcher block = YAML.matcher(Files.readString(doc));
            int n = 0;
            while (block.find()) {
                String yaml = block.group(1);
                n++;
                if (!yaml.contains("- route:")) {
                    continue;
                }
                try (CamelContext context = new DefaultCamelContext()) {
                    String name = doc.getFileName().toString().replace(".md", "") + "-snippet-" + n + ".camel.yaml";
                    PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(name, yaml));
                    assertThat(((ModelCamelContext) context).getRouteDefinitions()).as(name).isNotEmpty();
                    routes += ((ModelCamelContext) context).getRouteDefinitions().size();
                }
            }
        }
        assertThat(routes).as("routes shown in README and the guides").isGreaterThan(5);
    }

    /** GitHub's anchors of a Markdown file's headings. */
    private static List<String> anchors(Path markdown) throws IOException {
        return Files.readAllLines(markdown).stream().filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
                .toList();
    }
}
