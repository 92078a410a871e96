package org.scheduleright.platform.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A stand-in for the gateway's key ring in downstream services' tests: an EC P-256 key served as a JWKS over HTTP on
 * loopback, and access tokens minted with it exactly as the gateway mints them.
 */
public final class TestJwks implements AutoCloseable {

    public static final String ISSUER = "scheduleright-gateway";
    public static final String AUDIENCE = "scheduleright-api";

    private final ECKey key;
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();

    public TestJwks() {
        try {
            key = new ECKeyGenerator(Curve.P_256)
                    .keyID("test-" + UUID.randomUUID())
                    .generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public int fetchCount() {
        return fetches.get();
    }

    /** A valid 15-minute token for {@code userId} in {@code orgId} with {@code roles}. */
    public String token(String userId, String orgId, String... roles) {
        return token(claims -> claims, userId, orgId, roles);
    }

    /** A token whose claims the test adjusts, signed with the served key. */
    public String token(UnaryOperator<JWTClaimsSet.Builder> adjust, String userId, String orgId, String... roles) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString())
                .claim("orgId", orgId)
                .claim("roles", List.copyOf(Arrays.asList(roles)));
        return sign(adjust.apply(claims).build());
    }

    /** Signs arbitrary claims with the served key and its {@code kid}. */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
