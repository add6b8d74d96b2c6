package dev.skillforge.data.user;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a user's tokens are still honoured, apart from what the tokens say. API Gateway's JWT authorizer only checks a
 * token's signature and expiry, so a disabled, deleted or re-roled user's unexpired tokens would keep working: every
 * function reads this item (cheaply, see dev.skillforge.web.auth.AccountCheck) and refuses them. Absent means active with
 * every token valid: most users never have one.
 *
 * <p>{@code tokensValidAfter}: tokens issued before it are refused (a global sign-out, a role change); {@code role} is the
 * role the last admin change set, so the audit log records role changes without personal data.
 */
public record UserAccount(String userId, State state, String role, Instant tokensValidAfter, long version, Instant updatedAt,
        String updatedBy) {

    /**
     * The longest a Cognito ID or access token can live (the pool allows up to a day). Once it has passed since
     * {@code tokensValidAfter}, every token the item refuses has expired anyway, so an active account's item can expire.
     */
    public static final Duration LONGEST_TOKEN_LIFE = Duration.ofDays(1);

    public enum State {
        ACTIVE, DISABLED, DELETED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static State of(String value) {
            return value == null ? ACTIVE : valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** What an absent item means. */
    public static UserAccount unrestricted(String userId) {
        return new UserAccount(userId, State.ACTIVE, null, null, 0, null, null);
    }

    /**
     * Whether a token issued at {@code issuedAt} (seconds precision, as in the token's iat) is still honoured. A token
     * without iat is judged by the state alone only when no revocation time is set.
     */
    public boolean honours(Instant issuedAt) {
        if (state != State.ACTIVE) {
            return false;
        }
        return tokensValidAfter == null || (issuedAt != null && !issuedAt.isBefore(tokensValidAfter));
    }

    /**
     * Tokens issued before {@code at} are refused from now on. Token times are whole seconds: the boundary is rounded up,
     * so a token issued earlier within the same second is refused too (its holder refreshes once more).
     */
    public UserAccount revokedAt(Instant at, State newState, String newRole, String actor) {
        Instant boundary = at.getNano() == 0 ? at : Instant.ofEpochSecond(at.getEpochSecond() + 1);
        Instant validAfter = tokensValidAfter != null && tokensValidAfter.isAfter(boundary) ? tokensValidAfter : boundary;
        return new UserAccount(userId, newState, newRole, validAfter, version + 1, at, actor);
    }

    /** The same revocation time, another state (enable keeps old tokens refused: they were signed out). */
    public UserAccount withState(State newState, Instant at, String actor) {
        return new UserAccount(userId, newState, role, tokensValidAfter, version + 1, at, actor);
    }

    /**
     * When the item may go (TTL): an active user's once every token it refuses has expired. Never while disabled, and
     * never once deleted: if the pool delete failed, the user could otherwise sign in again once the item expired; the
     * tombstone holds only the pseudonymous id, state and role.
     */
    public Instant expiresAt() {
        if (state != State.ACTIVE || tokensValidAfter == null) {
            return null;
        }
        Instant base = updatedAt != null && updatedAt.isAfter(tokensValidAfter) ? updatedAt : tokensValidAfter;
        return base.plus(LONGEST_TOKEN_LIFE).plusSeconds(60);
    }
}
