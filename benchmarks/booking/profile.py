#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples (jdk.ExecutionSample) by component: each sample counts once, for the
component of the frame nearest its leaf that belongs to one (JDK code such as EC arithmetic counts for the library that
called it), and lists the hottest leaf methods. Usage: profile.py recording.jfr"""
import collections
import json
import subprocess
import sys

CATEGORIES = [
    ("token verification (JWS ES256, claims)", ("org.scheduleright.platform.auth.", "com.nimbusds.jwt.", "ECDSAVerifier",
                                                "com.nimbusds.jose.JWSObject", "com.nimbusds.jose.proc.")),
    ("contact JWE (A256GCM)", ("ContactCipher", "DirectEncrypter", "AESGCM", "com.nimbusds.jose.JWEObject")),
    ("event encoding (CloudEventCodec)", ("org.scheduleright.events.kafka.CloudEventCodec",)),
    ("JSON (Jackson)", ("com.fasterxml.jackson.", "tools.jackson.")),
    ("R2DBC MySQL driver", ("io.asyncer.r2dbc.mysql.",)),
    ("connection pool", ("io.r2dbc.pool.", "reactor.pool.")),
    ("observation / tracing / metrics", ("io.micrometer.observation.", "io.micrometer.tracing.", "io.opentelemetry.",
                                         "io.micrometer.core.", "io.micrometer.prometheus", "io.prometheus.")),
    ("context propagation", ("io.micrometer.context.", "ContextPropagation", "ContextSnapshot")),
    ("logging", ("ch.qos.logback.", "org.springframework.boot.logging.", "org.slf4j.")),
    ("Kafka clients (outbox relay, listener)", ("org.scheduleright.booking.outbox.", "org.scheduleright.platform.outbox.", "org.apache.kafka.", "org.springframework.kafka.")),
    ("Bean Validation", ("org.hibernate.validator.",)),
    ("Netty / Reactor Netty I/O", ("io.netty.", "reactor.netty.")),
    ("Spring WebFlux dispatch", ("org.springframework.web.", "org.springframework.http.")),
    ("transactions", ("org.springframework.transaction.", "org.springframework.r2dbc.connection.")),
]


def frames(event):
    for frame in event["values"]["stackTrace"]["frames"]:
        method = frame["method"]
        yield (method["type"]["name"] + "." + method["name"]).replace("/", ".")


def component(stack):
    for frame in stack:
        for name, needles in CATEGORIES:
            if any(needle in frame for needle in needles):
                return name
    return "other (JDK, Reactor operators, Spring core)"


def main(path):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "200", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    total = len(events)
    components = collections.Counter()
    leaves = collections.Counter()
    for event in events:
        stack = list(frames(event))
        if stack:
            leaves[stack[0]] += 1
        components[component(stack)] += 1
    print(f"  {total} CPU samples")
    for name, n in components.most_common():
        print(f"  {100.0 * n / max(total, 1):5.1f}%  {name}")
    print("  hottest leaf methods:")
    for method, n in leaves.most_common(12):
        print(f"  {100.0 * n / max(total, 1):5.1f}%  {method}")


if __name__ == "__main__":
    main(sys.argv[1])
