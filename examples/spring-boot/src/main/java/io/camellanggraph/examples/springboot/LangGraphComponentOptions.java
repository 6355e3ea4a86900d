package io.camellanggraph.examples.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import io.camellanggraph.component.LangGraphComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Applies {@code camel.component.langgraph.*} from Spring's configuration (application.yaml, environment variables,
 * ...) to the component when Camel creates it, as a Camel Spring Boot starter does for Camel's own components: the
 * component has no starter, so this is the one class an application adds. Keys may be kebab-case
 * ({@code webhook-base-url}) or camelCase; they are the component's options (see its catalog metadata).
 */
@Configuration(proxyBeanMethods = false)
public class LangGraphComponentOptions {

    static final String PREFIX = "camel.component.langgraph";

    @Bean
    ComponentCustomizer langGraphOptionsFromSpring(Environment environment) {
        Map<String, String> configured = Binder.get(environment).bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        Map<String, Object> options = new LinkedHashMap<>();
        configured.forEach((key, value) -> options.put(StringHelper.dashToCamelCase(key), value));
        return ComponentCustomizer.forType(LangGraphComponent.class, component -> PropertyBindingSupport.build()
                .withCamelContext(component.getCamelContext())
                .withTarget(component)
                .withConfigurer(component.getComponentPropertyConfigurer())
                .withProperties(new LinkedHashMap<>(options))
                // a mistyped option fails the start instead of being ignored
                .withMandatory(true)
                .bind());
    }
}
