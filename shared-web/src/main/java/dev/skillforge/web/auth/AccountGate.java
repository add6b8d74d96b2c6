package dev.skillforge.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.problem.ApiProblem;
import dev.skillforge.data.user.UserAccount;
import dev.skillforge.data.user.UserAccountRepository;
import io.quarkus.runtime.Startup;

/**
 * Refuses the tokens of users an admin disabled, deleted or gave another role, which API Gateway's JWT authorizer would
 * let through until they expire. A write reads the user's account item strongly consistent (one read unit), so it is
 * refused as soon as the change is stored; a read reuses what this function instance read in the last
 * {@code skillforge.users.account-cache-ttl} (an eventually consistent read, half a unit, on a miss), which bounds how
 * long such a token can still read. Most users have no account item: the read finds nothing and admits the token.
 */
// Application-scoped (a proxy): the request filters that hold it are built before runtime config exists. Made at
// startup all the same, in Lambda's init; the account read itself is warmed by dev.skillforge.data.startup.Priming.
@Startup
@ApplicationScoped
public class AccountGate {

    /** More users than one function instance serves between two cache clears; the map is cleared when it is full. */
    static final int CACHE_LIMIT = 10_000;

    private record Seen(UserAccount account, Instant readAt) {
    }

    private final Map<String, Seen> cache = new ConcurrentHashMap<>();
    private final UserAccountRepository accounts;
    private final Duration cacheTtl;
    private final Clock clock;

    @Inject
    AccountGate(UserAccountRepository accounts, SkillForgeConfig config, Clock clock) {
        this.accounts = accounts;
        this.cacheTtl = config.users().accountCacheTtl();
        this.clock = clock;
    }

    /**
     * Admits a token of {@code userId} issued at {@code issuedAt}, or answers 401. {@code write}: read the account afresh.
     * Whether it read the table (false: the cached read served).
     */
    public boolean admit(String userId, Instant issuedAt, boolean write) {
        Seen cached = write ? null : cached(userId);
        UserAccount account = cached != null ? cached.account() : write ? fresh(userId) : read(userId);
        if (!account.honours(issuedAt)) {
            throw revoked(account);
        }
        return cached == null;
    }

    private UserAccount fresh(String userId) {
        UserAccount account = accounts.current(userId);
        remember(account);
        return account;
    }

    /** This instance's read of the account if it is younger than the cache time. */
    private Seen cached(String userId) {
        Seen seen = cache.get(userId);
        return seen != null && seen.readAt().plus(cacheTtl).isAfter(clock.instant()) ? seen : null;
    }

    private UserAccount read(String userId) {
        UserAccount account = accounts.recent(userId);
        remember(account);
        return account;
    }

    private void remember(UserAccount account) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(account.userId(), new Seen(account, clock.instant()));
    }

    /** The standard 401 (the token is no longer good), saying what the holder can do about it. */
    static ApiProblem revoked(UserAccount account) {
        String detail = switch (account.state()) {
            case DISABLED -> "This account is disabled.";
            case DELETED -> "This account was deleted.";
            case ACTIVE -> "This token was issued before the account's last sign-out or role change: refresh it or sign in again.";
        };
        return new ApiProblem(401, "unauthorized", "Unauthorized", detail, null,
                Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }
}
