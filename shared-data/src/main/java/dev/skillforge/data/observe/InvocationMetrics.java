package dev.skillforge.data.observe;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;

/** What one invocation measured, flushed as one EMF line when it ends (no network call on the request path). */
@RequestScoped
public class InvocationMetrics {

    /** One value of one metric with its unit. */
    public record Value(String name, String unit, double value) {
    }

    private final List<Value> values = new ArrayList<>();

    public synchronized void add(String name, String unit, double value) {
        values.add(new Value(name, unit, value));
    }

    public synchronized List<Value> values() {
        return List.copyOf(values);
    }
}
