package dev.skillforge.local.scale;

import java.util.List;
import java.util.function.IntFunction;

/**
 * One measured block of a scale run: {@code requests} requests of one route in one situation ({@code scenario}), made by
 * {@code call} from the request's number, each expected to answer {@code expectedStatus}; {@code check} may look at an
 * answer and add what is wrong with it to the run's problems.
 */
public record Workload(String route, String scenario, int requests, int expectedStatus, IntFunction<RouteDriver.Call> call,
        Check check) {

    /** What an answer must also satisfy beyond its status. */
    @FunctionalInterface
    public interface Check {
        void check(int request, RouteDriver.Answer answer, List<String> problems);
    }

    public static final Check NOTHING_MORE = (request, answer, problems) -> { };

    public Workload(String route, String scenario, int requests, int expectedStatus, IntFunction<RouteDriver.Call> call) {
        this(route, scenario, requests, expectedStatus, call, NOTHING_MORE);
    }
}
