package org.scheduleright.platform.auth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.MalformedURLException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Verifies access tokens in every service: against the gateway's JWKS by default (cached, refreshed ahead of expiry,
 * refetched at a limited rate on an unknown {@code kid}), or against a {@link JWKSource} bean the service provides.
 */
@AutoConfiguration
@EnableConfigurationProperties(TokenProperties.class)
@ConditionalOnProperty(name = "scheduleright.auth.enabled", havingValue = "true", matchIfMissing = true)
public class TokenVerificationConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JWKSource<SecurityContext> accessTokenKeys(TokenProperties properties) throws MalformedURLException {
        return JWKSourceBuilder.<SecurityContext>create(properties.jwksUri().toURL())
                .cache(properties.jwksCacheTtl().toMillis(), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                .refreshAheadCache(properties.jwksRefreshAhead().toMillis(), true)
                .rateLimited(properties.jwksMinRefetchInterval().toMillis())
                .retrying(true)
                .outageTolerant(properties.jwksCacheTtl().toMillis() * 4)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    AccessTokenVerifier accessTokenVerifier(JWKSource<SecurityContext> keys, TokenProperties properties) {
        return new AccessTokenVerifier(keys, properties.issuer(), properties.audience(), properties.verifiedTokens());
    }

    @Bean
    @Order(-50)
    @ConditionalOnProperty(name = "scheduleright.auth.filter.enabled", havingValue = "true", matchIfMissing = true)
    BearerTokenFilter bearerTokenFilter(
            AccessTokenVerifier verifier, @Value("${scheduleright.auth.open-paths:}") List<String> openPaths) {
        return new BearerTokenFilter(verifier, openPaths);
    }

    @Bean
    WebFluxConfigurer authenticatedUserArguments() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new AuthenticatedUserArgumentResolver());
            }
        };
    }
}
