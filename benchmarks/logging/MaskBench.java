import org.scheduleright.platform.logging.PersonalDataMasker;

/**
 * Time to mask one ECS request-log line (no personal data in it) with PersonalDataMasker, in its own JVM.
 * Run from the root: ./mvnw -B -q -DskipTests -pl service-platform -am package &&
 *   java -cp service-platform/target/classes benchmarks/logging/MaskBench.java
 */
public class MaskBench {
    public static void main(String[] args) {
        String line = "{\"@timestamp\":\"2026-11-29T10:27:06.632246125Z\",\"log\":{\"level\":\"INFO\",\"logger\":"
                + "\"org.scheduleright.platform.web.RequestLog\"},\"process\":{\"pid\":6355,\"thread\":{\"name\":"
                + "\"reactor-http-epoll-4\"}},\"service\":{\"name\":\"gateway\",\"node\":{}},\"message\":"
                + "\"GET /api/v1/bookings/benchmark 200 1 ms\",\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                + "\"spanId\":\"00f067aa0ba902b7\",\"http.request.method\":\"GET\",\"url.path\":"
                + "\"/api/v1/bookings/benchmark\",\"http.response.status_code\":200,\"event.duration_ms\":1,"
                + "\"ecs\":{\"version\":\"8.11\"}}";
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 200_000; i++) {
                sink += PersonalDataMasker.mask(line).length();
            }
            System.out.println("round " + round + ": " + (System.nanoTime() - start) / 200_000 + " ns per line");
        }
        System.out.println("(checksum " + sink + ")");
    }
}
