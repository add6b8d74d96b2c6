package dev.skillforge.local.iam;

import java.util.List;
import java.util.regex.Pattern;

/**
 * LOCAL ONLY. A role's identity-based policy, evaluated as IAM evaluates one: a request is allowed when some Allow
 * statement matches its action and resource and no Deny statement does; everything else is denied. Actions match
 * case-insensitively, resources case-sensitively; {@code *} and {@code ?} are wildcards in both. Conditions are not
 * evaluated (the stack's function policies have none; reading one refuses a policy that has them).
 */
public record Policy(List<Statement> statements) {

    /** One statement: Allow or Deny, its actions and resources. */
    public record Statement(boolean allow, List<String> actions, List<String> resources) {

        boolean matches(String action, String resource) {
            return actions.stream().anyMatch(pattern -> wildcard(pattern, true).matcher(action).matches())
                    && resources.stream().anyMatch(pattern -> wildcard(pattern, false).matcher(resource).matches());
        }
    }

    public Policy {
        statements = List.copyOf(statements);
    }

    public boolean allows(String action, String resource) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (statement.matches(action, resource)) {
                if (!statement.allow()) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    /** The same policy without one action anywhere (tests prove that a missing grant is caught). */
    public Policy without(String action) {
        return new Policy(statements.stream().map(statement -> new Statement(statement.allow(),
                statement.actions().stream().filter(each -> !each.equalsIgnoreCase(action)).toList(), statement.resources())).toList());
    }

    /** A pattern with IAM's (and CloudFront's) wildcards: {@code *} any run of characters, {@code /} included; {@code ?} one. */
    public static Pattern wildcard(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    /** The message AWS gives with an AccessDenied for an identity-based policy that does not allow the call. */
    public static String deniedMessage(String principalArn, String action, String resource) {
        return "User: " + principalArn + " is not authorized to perform: " + action + " on resource: " + resource
                + " because no identity-based policy allows the " + action + " action";
    }
}
