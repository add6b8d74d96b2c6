package dev.skillforge.web.auth;

import java.util.Set;

import dev.skillforge.data.problem.AccessDenied;

/**
 * The verified user behind a request: the token's sub, its groups, and the profile claims. Email and name are null for
 * an access token (Cognito puts them in ID tokens only); its username is no substitute, as under email sign-in it is
 * the same generated id as sub. {@code issuedAt} is the token's iat (null if it has none).
 */
public record Caller(String userId, Set<String> groups, String email, String name, java.time.Instant issuedAt) {

    public boolean isAdmin() {
        return groups.contains(Role.ADMIN_GROUP);
    }

    public boolean hasRole(Role role) {
        return groups.contains(role.group());
    }

    public boolean owns(String ownerId) {
        return userId.equals(ownerId);
    }

    /** Owners and admins may change an object; anyone else is refused. */
    public void requireOwnerOrAdmin(String ownerId, String what) {
        if (!isAdmin() && !owns(ownerId)) {
            throw new AccessDenied("Only the owner of this " + what + " or an admin may do this.");
        }
    }
}
