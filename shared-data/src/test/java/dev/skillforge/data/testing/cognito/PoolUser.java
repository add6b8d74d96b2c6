package dev.skillforge.data.testing.cognito;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * TEST/LOCAL ONLY. A user of the {@link LocalCognito} pool as it stands at one moment: the username is also the
 * {@code sub} (SkillForge uses one id for both), group names in the order they were added, and the refresh tokens
 * still live. Immutable; every change makes a new snapshot.
 */
public record PoolUser(String username, String email, String name, boolean enabled, String status, List<String> groups,
        Instant created, Instant modified, Set<String> refreshTokens, Instant signedOutAt) {

    /** Every user is created confirmed: the pool has no sign-up or verification flow. */
    public static final String CONFIRMED = "CONFIRMED";

    public PoolUser {
        groups = List.copyOf(new LinkedHashSet<>(groups));
        refreshTokens = Set.copyOf(refreshTokens);
    }

    public String sub() {
        return username;
    }

    PoolUser withGroups(Collection<String> newGroups, Instant now) {
        return new PoolUser(username, email, name, enabled, status, new ArrayList<>(newGroups), created, now, refreshTokens, signedOutAt);
    }

    PoolUser withEnabled(boolean value, Instant now) {
        return new PoolUser(username, email, name, value, status, groups, created, now, refreshTokens, signedOutAt);
    }

    PoolUser withRefreshTokens(Set<String> tokens) {
        return new PoolUser(username, email, name, enabled, status, groups, created, modified, tokens, signedOutAt);
    }

    /** Global sign-out: no refresh token survives it. */
    PoolUser signedOut(Instant now) {
        return new PoolUser(username, email, name, enabled, status, groups, created, modified, Set.of(), now);
    }
}
