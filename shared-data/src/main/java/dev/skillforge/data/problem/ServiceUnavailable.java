package dev.skillforge.data.problem;

import java.util.Map;

/** The database is throttling or failing after the SDK's own retries; the client may retry later. */
public class ServiceUnavailable extends ApiProblem {

    public ServiceUnavailable(int retryAfterSeconds) {
        super(503, "unavailable", "Temporarily unavailable", "The service is busy. Retry after a short pause.", null,
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }
}
