package io.camellanggraph.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Camel Spring Boot application using the langgraph component through camel-langgraph-spring-boot-starter: its
 * routes are YAML ({@code src/main/resources/routes}), the component's options {@code camel.component.langgraph.*} in
 * {@code application.yaml}, applied by the starter; no configuration class of its own.
 */
@SpringBootApplication
public class LangGraphExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(LangGraphExampleApplication.class, args);
    }
}
