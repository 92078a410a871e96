package org.scheduleright.gateway.page;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the public booking page: {@code GET /book/{siteId}} answers the same static HTML for every site (the page
 * reads the site id from its own address and asks the public API for the rest), and {@code /assets/booking/**} its
 * stylesheet, script and icon from the classpath. Nothing else on the classpath is exposed.
 */
@Configuration(proxyBeanMethods = false)
class BookingPageConfiguration {

    /** The page's address; the site id is a UUID, any other spelling is not a page. */
    static final String PAGE =
            "/book/{siteId:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}";

    static final String ASSETS = "/assets/booking/**";

    private static final Resource HTML = new ClassPathResource("booking-page/book.html");

    private static final Resource ASSET_FOLDER = new ClassPathResource("booking-page/assets/");

    @Bean
    RouterFunction<ServerResponse> bookingPage() {
        return RouterFunctions.route()
                .GET(
                        PAGE,
                        request -> ServerResponse.ok()
                                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                                .cacheControl(CacheControl.noCache())
                                .bodyValue(HTML))
                .build()
                .and(RouterFunctions.resources(
                        ASSETS,
                        ASSET_FOLDER,
                        (resource, headers) -> headers.setCacheControl(
                                CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())));
    }
}
