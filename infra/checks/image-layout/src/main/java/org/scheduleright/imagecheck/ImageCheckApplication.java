package org.scheduleright.imagecheck;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Minimal stand-in for a ScheduleRight service: Liquibase at startup and a liveness route, nothing else. */
@SpringBootApplication
public class ImageCheckApplication {

    public static void main(String[] args) {
        SpringApplication.run(ImageCheckApplication.class, args);
    }

    @Bean
    RouterFunction<ServerResponse> health() {
        return RouterFunctions.route().GET("/health", request -> ServerResponse.ok().bodyValue("{\"status\":\"UP\"}")).build();
    }
}
