package dev.skillforge.enrollments.app;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.web.auth.Role;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * The users as the Cognito user pool has them: groups (the roles), enabled, deleted. The pool's usernames are the ids
 * tokens carry in sub (email sign-in makes the username a generated id), so a user id is the Username of every call.
 * The client is made on the first admin call: no other route pays for it at cold start.
 */
@Singleton
public class UserDirectory {

    /** A user in the pool: the role groups they are in, and whether they may sign in. */
    public record DirectoryUser(String userId, String email, boolean enabled, Set<String> groups) {

        public boolean isAdmin() {
            return groups.contains(Role.ADMIN_GROUP);
        }

        /** The strongest role group, as profiles list a user in several groups. */
        public String primaryRole() {
            for (Role role : Role.values()) {
                if (groups.contains(role.group())) {
                    return role.group();
                }
            }
            return Role.STUDENT_GROUP;
        }
    }

    private final SkillForgeConfig config;
    private volatile CognitoIdentityProviderClient client;

    @Inject
    UserDirectory(SkillForgeConfig config) {
        this.config = config;
    }

    public Optional<DirectoryUser> find(String userId) {
        try {
            AdminGetUserResponse user = client().adminGetUser(b -> b.userPoolId(poolId()).username(userId));
            Set<String> groups = new LinkedHashSet<>();
            String next = null;
            do {
                String token = next;
                var page = client().adminListGroupsForUser(b -> b.userPoolId(poolId()).username(userId).limit(60).nextToken(token));
                page.groups().stream().map(GroupType::groupName).forEach(groups::add);
                next = page.nextToken();
            } while (next != null);
            return Optional.of(new DirectoryUser(userId, attribute(user.userAttributes(), "email"), Boolean.TRUE.equals(user.enabled()), groups));
        } catch (UserNotFoundException gone) {
            return Optional.empty();
        }
    }

    /** The user is in the role's group and in no other role group (groups that are not roles are left alone). */
    public void setRole(String userId, String role) {
        try {
            client().adminAddUserToGroup(b -> b.userPoolId(poolId()).username(userId).groupName(role));
            for (Role other : Role.values()) {
                if (!other.group().equals(role)) {
                    client().adminRemoveUserFromGroup(b -> b.userPoolId(poolId()).username(userId).groupName(other.group()));
                }
            }
        } catch (UserNotFoundException gone) {
            throw noSuchUser();
        }
    }

    /** No more sign-ins, and every refresh token revoked (its ID and access tokens are refused by AccountGate). */
    public void disable(String userId) {
        try {
            client().adminDisableUser(b -> b.userPoolId(poolId()).username(userId));
            client().adminUserGlobalSignOut(b -> b.userPoolId(poolId()).username(userId));
        } catch (UserNotFoundException gone) {
            throw noSuchUser();
        }
    }

    public void enable(String userId) {
        try {
            client().adminEnableUser(b -> b.userPoolId(poolId()).username(userId));
        } catch (UserNotFoundException gone) {
            throw noSuchUser();
        }
    }

    /** Deletes the user from the pool (their refresh tokens with them); one already gone is fine: the delete is resumable. */
    public void delete(String userId) {
        try {
            client().adminDeleteUser(b -> b.userPoolId(poolId()).username(userId));
        } catch (UserNotFoundException alreadyGone) {
            // a delete sent again after a failure further on
        }
    }

    /** The enabled members of the admin group (admins are few: every page is read). */
    public List<String> enabledAdmins() {
        List<String> admins = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListUsersInGroupResponse page = client().listUsersInGroup(b -> b.userPoolId(poolId()).groupName(Role.ADMIN_GROUP).limit(60).nextToken(token));
            page.users().stream().filter(user -> Boolean.TRUE.equals(user.enabled())).map(UserType::username).forEach(admins::add);
            next = page.nextToken();
        } while (next != null);
        return admins;
    }

    static NotFound noSuchUser() {
        return new NotFound("No user with this id.");
    }

    private static String attribute(List<AttributeType> attributes, String name) {
        return attributes.stream().filter(each -> name.equals(each.name())).map(AttributeType::value).findFirst().orElse(null);
    }

    private String poolId() {
        return config.users().poolId().orElseThrow(() -> new IllegalStateException(
                "skillforge.users.pool-id (SKILLFORGE_USERS_POOL_ID) is not set: the admin user routes need the user pool"));
    }

    private CognitoIdentityProviderClient client() {
        CognitoIdentityProviderClient made = client;
        if (made == null) {
            synchronized (this) {
                if (client == null) {
                    // Region and credentials come from the SDK's default chains: on Lambda, its environment variables.
                    CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                            .httpClient(UrlConnectionHttpClient.create());
                    config.users().endpointOverride().ifPresent(builder::endpointOverride);
                    client = builder.build();
                }
                made = client;
            }
        }
        return made;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
