package dev.skillforge.data.testing.cognito;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * TEST/LOCAL ONLY. Decides whether a signed (admin) request may run, standing in for AWS's SigV4 and IAM checks.
 * Public Cognito APIs (InitiateAuth) are not passed to it: real Cognito does not sign them either.
 */
@FunctionalInterface
public interface RequestCheck {

    /** Why a request is refused: the AWS error code, its message and the HTTP status. */
    record Refusal(String code, String message, int status) {
    }

    /** Empty when the request may run; {@code headers} by lower-case name. */
    Optional<Refusal> check(String action, String method, URI uri, Map<String, String> headers, byte[] body);

    /** Lets everything through (unit tests of the actions themselves). */
    static RequestCheck none() {
        return (action, method, uri, headers, body) -> Optional.empty();
    }

    /**
     * Only asks for a SigV4-shaped Authorization header, which any SDK client with some credentials sends; the
     * signature itself is not checked.
     */
    static RequestCheck sigV4Present() {
        return (action, method, uri, headers, body) -> headers.getOrDefault("authorization", "").startsWith("AWS4-HMAC-SHA256")
                ? Optional.empty()
                : Optional.of(new Refusal("MissingAuthenticationTokenException", "Missing Authentication Token", 400));
    }
}
