package dev.skillforge.enrollments.app;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.item.Ids;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.StaleVersion;
import dev.skillforge.data.user.UserAccount;
import dev.skillforge.data.user.UserAccountRepository;
import dev.skillforge.data.user.UserProfile;
import dev.skillforge.data.user.UserProfileRepository;
import dev.skillforge.enrollments.app.UserDirectory.DirectoryUser;
import dev.skillforge.web.auth.Caller;
import dev.skillforge.web.auth.Role;

/**
 * What admins do to users: change their role, disable, enable and delete them. Every change that takes something away
 * writes the user's account item first, so the functions refuse the user's tokens before the user pool is touched: a
 * request that fails half-way leaves the user locked out, never half-changed and still trusted, and sending it again
 * finishes it (each step is idempotent). The account item also records the change for the audit log.
 *
 * <p>No change may leave the platform without an admin who can act: an admin cannot demote, disable or delete
 * themselves through the admin routes, and a change that takes the admin role, sign-in or the account from an admin
 * holds the admin-change lock while it checks that another admin remains, enabled in the pool and active here.
 */
@ApplicationScoped
public class AdminUserService {

    /** What the admin user routes answer: the user as the pool and the account item have them now. */
    public record ManagedUser(String userId, String email, String role, boolean enabled, Instant tokensValidAfter) {
    }

    private static final int SAVE_ATTEMPTS = 5;

    @Inject
    UserDirectory directory;

    @Inject
    UserAccountRepository accounts;

    @Inject
    UserProfileRepository profiles;

    @Inject
    Clock clock;

    public ManagedUser changeRole(Caller admin, String userId, String role) {
        DirectoryUser user = existing(userId);
        if (admin.owns(userId) && !Role.ADMIN_GROUP.equals(role)) {
            throw Conflict.invalidState("An admin cannot remove their own admin role: another admin must do it.");
        }
        if (user.groups().equals(Set.of(role)) && role.equals(accounts.current(userId).role())) {
            return view(user, accounts.current(userId));
        }
        Runnable change = () -> {
            // Before the pool: tokens with the old groups stop working even if the pool call fails...
            revoke(userId, role, admin.userId());
            directory.setRole(userId, role);
            // ...and after it: a token refreshed between the two still carried the old groups.
            revoke(userId, role, admin.userId());
        };
        if (user.isAdmin() && !Role.ADMIN_GROUP.equals(role)) {
            whileAnotherAdminRemains(userId, change);
        } else {
            change.run();
        }
        updateProfile(userId, profile -> !profile.role().equals(role),
                profile -> profile.withIdentity(profile.email(), role, now()).by(admin.userId()));
        return view(new DirectoryUser(userId, user.email(), user.enabled(), Set.of(role)), accounts.current(userId));
    }

    public ManagedUser disable(Caller admin, String userId) {
        DirectoryUser user = existing(userId);
        if (admin.owns(userId)) {
            throw Conflict.invalidState("An admin cannot disable their own account: another admin must do it.");
        }
        Runnable change = () -> {
            saveAccount(userId, current -> current.state() == UserAccount.State.DISABLED ? current
                    : current.revokedAt(now(), UserAccount.State.DISABLED, user.primaryRole(), admin.userId()));
            directory.disable(userId);
        };
        if (user.isAdmin()) {
            whileAnotherAdminRemains(userId, change);
        } else {
            change.run();
        }
        updateProfile(userId, profile -> !profile.disabled(), profile -> profile.withDisabled(true, now(), admin.userId()));
        return view(new DirectoryUser(userId, user.email(), false, user.groups()), accounts.current(userId));
    }

    /** Sign-ins work again; the tokens from before the disable stay refused (they were signed out). */
    public ManagedUser enable(Caller admin, String userId) {
        DirectoryUser user = existing(userId);
        directory.enable(userId);
        UserAccount account = saveAccount(userId, current -> current.state() == UserAccount.State.ACTIVE ? current
                : current.withState(UserAccount.State.ACTIVE, now(), admin.userId()));
        updateProfile(userId, UserProfile::disabled, profile -> profile.withDisabled(false, now(), admin.userId()));
        return view(new DirectoryUser(userId, user.email(), true, user.groups()), account);
    }

    /**
     * Deletes a user: the account turns deleted (every function refuses the user's tokens from then on, and the stream
     * starts the erasure of their profile, enrollments, progress and reviews), then the user leaves the pool. A user the
     * pool no longer has (deleted in the console) but whose data is still here is deleted all the same. Sent again after
     * a failure, the admin route finishes the pool delete; a user already gone everywhere is a 404. Admins delete their
     * own account with DELETE /me, not through the admin route.
     */
    public void delete(Caller actor, String userId, boolean self) {
        if (!Ids.isSafe(userId)) {
            throw UserDirectory.noSuchUser();
        }
        if (!self && actor.owns(userId)) {
            throw Conflict.invalidState("Admins delete their own account with DELETE /me.");
        }
        UserAccount account = accounts.current(userId);
        DirectoryUser user = directory.find(userId).orElse(null);
        if (account.state() == UserAccount.State.DELETED) {
            if (user == null) {
                throw UserDirectory.noSuchUser();
            }
            directory.delete(userId); // a delete that failed after its first step
            return;
        }
        if (user == null && !self && account.version() == 0 && profiles.find(userId).isEmpty()) {
            throw UserDirectory.noSuchUser();
        }
        String role = user == null ? account.role() : user.primaryRole();
        Runnable change = () -> {
            saveAccount(userId, current -> current.revokedAt(now(), UserAccount.State.DELETED, role, actor.userId()));
            directory.delete(userId);
        };
        if (user != null && user.isAdmin()) {
            whileAnotherAdminRemains(userId, change);
        } else {
            change.run();
        }
    }

    private DirectoryUser existing(String userId) {
        if (!Ids.isSafe(userId) || accounts.current(userId).state() == UserAccount.State.DELETED) {
            throw UserDirectory.noSuchUser();
        }
        return directory.find(userId).orElseThrow(UserDirectory::noSuchUser);
    }

    /**
     * Runs {@code change} (which takes the admin role, sign-in or account from {@code userId}) only if another admin
     * remains who can act: in the pool's admin group, enabled there, and active here (an admin whose account an earlier
     * change under this lock disabled or deleted does not count, even before the pool shows it). Under the admin-change
     * lock, so two admins removing each other cannot both succeed.
     */
    private void whileAnotherAdminRemains(String userId, Runnable change) {
        String lock = accounts.lockAdminChanges(clock.instant());
        try {
            boolean another = directory.enabledAdmins().stream()
                    .filter(admin -> !admin.equals(userId))
                    .anyMatch(admin -> accounts.current(admin).state() == UserAccount.State.ACTIVE);
            if (!another) {
                throw Conflict.invalidState("This is the last admin who can act: make another user admin first.");
            }
            change.run();
        } finally {
            accounts.unlockAdminChanges(lock);
        }
    }

    /** Tokens issued until now are refused from now on; the account records the role. */
    private void revoke(String userId, String role, String actor) {
        saveAccount(userId, current -> current.revokedAt(now(), current.state(), role, actor));
    }

    /** Applies {@code next} to the account as stored, again on a lost race; an unchanged account is not written. */
    private UserAccount saveAccount(String userId, UnaryOperator<UserAccount> next) {
        for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
            UserAccount current = accounts.current(userId);
            if (current.state() == UserAccount.State.DELETED) {
                throw UserDirectory.noSuchUser();
            }
            UserAccount changed = next.apply(current);
            if (changed == current || accounts.saveIfUnchanged(changed)) {
                return changed;
            }
        }
        throw Conflict.invalidState("The account is being changed by someone else: try again.");
    }

    /**
     * The profile (if the user has one yet) shows the change: the role it is listed under, whether it is disabled. A user
     * without one gets it on first use.
     */
    private void updateProfile(String userId, java.util.function.Predicate<UserProfile> needed, UnaryOperator<UserProfile> change) {
        for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
            UserProfile profile = profiles.find(userId).orElse(null);
            if (profile == null || !needed.test(profile)) {
                return;
            }
            try {
                profiles.update(change.apply(profile), profile.version());
                return;
            } catch (StaleVersion raced) {
                // the user edited their profile meanwhile: apply the role to what they stored
            }
        }
    }

    private ManagedUser view(DirectoryUser user, UserAccount account) {
        return new ManagedUser(user.userId(), user.email(), user.primaryRole(), user.enabled(), account.tokensValidAfter());
    }

    private Instant now() {
        return Timestamps.millis(clock.instant());
    }
}
