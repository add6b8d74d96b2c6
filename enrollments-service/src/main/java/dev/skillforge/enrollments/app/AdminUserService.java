package dev.skillforge.enrollments.app;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
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
        Target target = existing(userId);
        DirectoryUser user = target.user();
        if (admin.owns(userId) && !Role.ADMIN_GROUP.equals(role)) {
            throw Conflict.invalidState("An admin cannot remove their own admin role: another admin must do it.");
        }
        if (user.groups().equals(Set.of(role)) && role.equals(target.account().role())) {
            return view(user, target.account());
        }
        UnaryOperator<UserAccount> revoke = current -> current.revokedAt(now(), current.state(), role, admin.userId());
        Supplier<UserAccount> change = () -> {
            // Before the pool: tokens with the old groups stop working even if the pool call fails...
            UserAccount revoked = saveAccount(userId, target.account(), revoke);
            directory.setRole(userId, role);
            // ...and after it: a token refreshed between the two still carried the old groups.
            return saveAccount(userId, revoked, revoke);
        };
        UserAccount account = user.isAdmin() && !Role.ADMIN_GROUP.equals(role) ? whileAnotherAdminRemains(userId, change) : change.get();
        updateProfile(userId, profile -> !profile.role().equals(role),
                profile -> profile.withIdentity(profile.email(), role, now()).by(admin.userId()));
        return view(new DirectoryUser(userId, user.email(), user.enabled(), Set.of(role)), account);
    }

    public ManagedUser disable(Caller admin, String userId) {
        Target target = existing(userId);
        DirectoryUser user = target.user();
        if (admin.owns(userId)) {
            throw Conflict.invalidState("An admin cannot disable their own account: another admin must do it.");
        }
        Supplier<UserAccount> change = () -> {
            UserAccount disabled = saveAccount(userId, target.account(), current -> current.state() == UserAccount.State.DISABLED
                    ? current : current.revokedAt(now(), UserAccount.State.DISABLED, user.primaryRole(), admin.userId()));
            directory.disable(userId);
            return disabled;
        };
        UserAccount account = user.isAdmin() ? whileAnotherAdminRemains(userId, change) : change.get();
        updateProfile(userId, profile -> !profile.disabled(), profile -> profile.withDisabled(true, now(), admin.userId()));
        return view(new DirectoryUser(userId, user.email(), false, user.groups()), account);
    }

    /** Sign-ins work again; the tokens from before the disable stay refused (they were signed out). */
    public ManagedUser enable(Caller admin, String userId) {
        Target target = existing(userId);
        DirectoryUser user = target.user();
        directory.enable(userId);
        UserAccount account = saveAccount(userId, target.account(), current -> current.state() == UserAccount.State.ACTIVE ? current
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
        Supplier<UserAccount> change = () -> {
            UserAccount deleted = saveAccount(userId, account, current -> current.revokedAt(now(), UserAccount.State.DELETED, role,
                    actor.userId()));
            directory.delete(userId);
            return deleted;
        };
        if (user != null && user.isAdmin()) {
            whileAnotherAdminRemains(userId, change);
        } else {
            change.get();
        }
    }

    /** A user the admin routes may change: in the pool, and not deleted here; with their account as read now. */
    private record Target(DirectoryUser user, UserAccount account) {
    }

    private Target existing(String userId) {
        if (!Ids.isSafe(userId)) {
            throw UserDirectory.noSuchUser();
        }
        UserAccount account = accounts.current(userId);
        if (account.state() == UserAccount.State.DELETED) {
            throw UserDirectory.noSuchUser();
        }
        return new Target(directory.find(userId).orElseThrow(UserDirectory::noSuchUser), account);
    }

    /**
     * Runs {@code change} (which takes the admin role, sign-in or account from {@code userId}) only if another admin
     * remains who can act: in the pool's admin group, enabled there, and active here (an admin whose account an earlier
     * change under this lock disabled or deleted does not count, even before the pool shows it). Under the admin-change
     * lock, so two admins removing each other cannot both succeed.
     */
    private <T> T whileAnotherAdminRemains(String userId, Supplier<T> change) {
        String lock = accounts.lockAdminChanges(clock.instant());
        try {
            boolean another = directory.enabledAdmins().stream()
                    .filter(admin -> !admin.equals(userId))
                    .anyMatch(admin -> accounts.current(admin).state() == UserAccount.State.ACTIVE);
            if (!another) {
                throw Conflict.invalidState("This is the last admin who can act: make another user admin first.");
            }
            return change.get();
        } finally {
            accounts.unlockAdminChanges(lock);
        }
    }

    /**
     * Applies {@code next} to the account, first to {@code known} (as read a moment ago), then, on a lost race, to the
     * account as stored again; an unchanged account is not written.
     */
    private UserAccount saveAccount(String userId, UserAccount known, UnaryOperator<UserAccount> next) {
        for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
            UserAccount current = attempt == 0 ? known : accounts.current(userId);
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
