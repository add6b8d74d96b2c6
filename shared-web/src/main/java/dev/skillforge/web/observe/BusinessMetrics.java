package dev.skillforge.web.observe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.observe.InvocationMetrics;

import io.micrometer.core.instrument.MeterRegistry;

/** Counts of what learners do: enrollments, completions, reviews, quiz attempts and passes (Prometheus and EMF). */
@ApplicationScoped
public class BusinessMetrics {

    public static final String ENROLLMENTS = "Enrollments";
    public static final String COMPLETIONS = "CourseCompletions";
    public static final String REVIEWS = "Reviews";
    public static final String QUIZ_ATTEMPTS = "QuizAttempts";
    public static final String QUIZ_PASSES = "QuizPasses";

    @Inject
    MeterRegistry registry;

    @Inject
    InvocationMetrics invocation;

    public void count(String what) {
        registry.counter("skillforge.business." + what.toLowerCase()).increment();
        invocation.add(what, "Count", 1);
    }
}
