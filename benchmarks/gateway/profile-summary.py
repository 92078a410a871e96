#!/usr/bin/env python3
"""Summarises the CPU samples of a JFR recording by what they were doing: for each category, the share of samples
whose stack contains a frame of it (inclusive, so shares overlap and do not add up to 100 %).
Usage: profile-summary.py recording.jfr  (needs `jfr` from the JDK on the PATH)."""
import re
import subprocess
import sys

CATEGORIES = [
    ("ES256 signature check", ("sun.security.ec.", "com.nimbusds.jose.crypto.")),
    ("token verification (Nimbus, all)", ("com.nimbusds.",)),
    ("observation / tracing / context propagation",
     ("io.micrometer.tracing.", "io.micrometer.observation.", "io.opentelemetry.", "io.micrometer.context.",
      "FluxContextWriteRestoringThreadLocals", "MonoContextWriteRestoringThreadLocals", "ContextPropagation")),
    ("metrics (Micrometer meters)", ("io.micrometer.core.", "io.micrometer.prometheus", "io.prometheus.")),
    ("logging", ("ch.qos.logback.", "org.slf4j.", "org.scheduleright.platform.logging.")),
    ("rate limit (Lettuce, Bucket4j)", ("io.lettuce.", "io.github.bucket4j.", "org.scheduleright.gateway.ratelimit.")),
    ("Spring Cloud Gateway", ("org.springframework.cloud.gateway.",)),
    ("Netty I/O (native or NIO)", ("io.netty.channel.", "sun.nio.ch.")),
]

def main(path):
    text = subprocess.run(["jfr", "print", "--stack-depth", "200", "--events", "jdk.ExecutionSample", path],
                          capture_output=True, text=True, check=True).stdout
    samples = [block for block in text.split("jdk.ExecutionSample") if "stackTrace" in block]
    total = len(samples)
    print("%d CPU samples" % total)
    for name, markers in CATEGORIES:
        hits = sum(1 for block in samples if any(marker in block for marker in markers))
        print("  %-45s %5.1f %%" % (name, 100.0 * hits / max(total, 1)))
    tops = {}
    for block in samples:
        frames = re.findall(r"^\s+([\w$.<>]+)\(", block, re.M)
        if frames:
            tops[frames[0]] = tops.get(frames[0], 0) + 1
    print("top frames:")
    for frame, count in sorted(tops.items(), key=lambda item: -item[1])[:12]:
        print("  %5.1f %%  %s" % (100.0 * count / total, frame))

if __name__ == "__main__":
    main(sys.argv[1])
