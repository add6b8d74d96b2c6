package dev.skillforge.data.startup;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.user.UserAccountRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Does at init what the first request would otherwise pay for: builds the DynamoDB client and makes one cheap call
 * with it, and runs JSON both ways. The call is the read every request with a token starts with (the caller's account
 * item, eventually consistent), for an id no user has: half a read unit, and the SDK's marshalling, signing, endpoint
 * resolution, a warm connection and the account's repository and codec. Lambda's init phase runs with a full CPU, and the
 * AOT training run records these paths too. Under SnapStart the same priming runs before the checkpoint (a CRaC
 * hook), and again after restore, because connections from before the snapshot are dead.
 */
@ApplicationScoped
public class Priming implements Resource {

    /** No user has it (ids never contain '.'): the GetItem finds nothing. */
    static final String NO_USER = "priming.account";

    public static final AccessPattern PRIMING = new AccessPattern("(none)", "an account no user has, read once to warm the client",
            "GetItem", AccessPattern.TABLE, "PK = user#priming.account AND SK = account (eventually consistent)",
            "every function at init, before a SnapStart checkpoint and after restore");

    @Inject
    UserAccountRepository accounts;

    @Inject
    ObjectMapper json;

    @Inject
    SkillForgeConfig config;

    void onStart(@Observes StartupEvent event) {
        if (!config.priming().enabled()) {
            return;
        }
        Core.getGlobalContext().register(this);
        prime("init");
    }

    void prime(String when) {
        long started = System.nanoTime();
        try {
            accounts.recent(NO_USER);
        } catch (RuntimeException e) {
            // Priming is an optimisation: the first request will meet (and report) a real problem.
            Log.debugf("DynamoDB priming call failed: %s", e.getMessage());
        }
        try {
            json.readTree(json.writeValueAsBytes(Map.of("primed", true, "at", Instant.now())));
        } catch (Exception e) {
            Log.debugf("JSON priming failed: %s", e.getMessage());
        }
        Log.debugf("primed at %s in %d ms", when, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime("checkpoint");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        prime("restore");
    }
}
