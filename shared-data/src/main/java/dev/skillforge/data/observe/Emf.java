package dev.skillforge.data.observe;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * CloudWatch Embedded Metric Format: one JSON line per invocation on stdout, which Lambda ships to CloudWatch Logs
 * and CloudWatch turns into metrics. Namespace SkillForge; the dimensions are the function, the route and the status.
 */
public final class Emf {

    public static final String NAMESPACE = "SkillForge";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile Consumer<String> sink = line -> {
        PrintStream out = System.out;
        out.println(line);
    };

    private Emf() {
    }

    /** Tests read the lines instead of stdout. */
    public static void sendTo(Consumer<String> target) {
        sink = target;
    }

    public static String line(Clock clock, Map<String, String> dimensions, List<InvocationMetrics.Value> values) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Double> summed = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (InvocationMetrics.Value v : values) {
            summed.merge(v.name(), v.value(), Double::sum);
            units.putIfAbsent(v.name(), v.unit());
        }
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", NAMESPACE);
        directive.put("Dimensions", List.of(List.copyOf(dimensions.keySet())));
        directive.put("Metrics", units.entrySet().stream().map(e -> {
            Map<String, String> metric = new LinkedHashMap<>();
            metric.put("Name", e.getKey());
            metric.put("Unit", e.getValue());
            return metric;
        }).toList());
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", clock.millis());
        aws.put("CloudWatchMetrics", List.of(directive));
        root.put("_aws", aws);
        root.putAll(dimensions);
        root.putAll(summed);
        try {
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(String line) {
        sink.accept(line);
    }
}
