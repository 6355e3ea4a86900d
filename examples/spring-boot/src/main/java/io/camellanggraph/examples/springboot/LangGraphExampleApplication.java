package io.camellanggraph.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Camel Spring Boot application using the langgraph component: its routes are YAML
 * ({@code src/main/resources/routes}), the component's options {@code camel.component.langgraph.*} in
 * {@code application.yaml}.
 */
@SpringBootApplication
public class LangGraphExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(LangGraphExampleApplication.class, args);
    }
}
