package io.camellanggraph.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import io.camellanggraph.component.LangGraphComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Applies {@code camel.component.langgraph.*} from Spring's configuration (application.yaml, environment variables,
 * ...) to the langgraph component when Camel creates it, as Camel's own starters do for their components. Keys are
 * the component's options (its catalog, {@code langgraph.json}), kebab-case ({@code webhook-base-url}) or camelCase;
 * a key the component does not have fails the start instead of being ignored. {@code camel.component.langgraph.enabled=false}
 * turns it off. Nested keys other than the options (e.g. {@code customizer.enabled}) are Camel Spring Boot's own.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnClass(LangGraphComponent.class)
@ConditionalOnBooleanProperty(name = LangGraphComponentAutoConfiguration.PREFIX + ".enabled", matchIfMissing = true)
public class LangGraphComponentAutoConfiguration {

    public static final String PREFIX = "camel.component.langgraph";

    @Bean
    ComponentCustomizer langGraphComponentOptions(Environment environment) {
        Map<String, Object> options = options(environment);
        return ComponentCustomizer.forType(LangGraphComponent.class, component -> PropertyBindingSupport.build()
                .withCamelContext(component.getCamelContext())
                .withTarget(component)
                .withConfigurer(component.getComponentPropertyConfigurer())
                .withProperties(new LinkedHashMap<>(options))
                .withMandatory(true)
                .bind());
    }

    /** The configured options, camelCased; the starter's own switches and Camel Spring Boot's nested keys left out. */
    static Map<String, Object> options(Environment environment) {
        Map<String, String> configured = Binder.get(environment).bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        Map<String, Object> options = new LinkedHashMap<>();
        configured.forEach((key, value) -> {
            if (!key.equals("enabled") && !key.contains(".")) {
                options.put(StringHelper.dashToCamelCase(key), value);
            }
        });
        return options;
    }
}
