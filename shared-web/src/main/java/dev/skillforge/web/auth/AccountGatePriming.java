package dev.skillforge.web.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.skillforge.data.config.SkillForgeConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Primes {@link AccountGate} at init, as dev.skillforge.data.startup.Priming primes the client: the first request with a
 * token would otherwise spend about 8 ms loading and running the check for the first time
 * (docs/benchmarks/account-check.md). One eventually consistent read, half a unit, per cold start.
 */
@ApplicationScoped
public class AccountGatePriming {

    void onStart(@Observes StartupEvent event, SkillForgeConfig config, AccountGate gate) {
        if (!config.priming().enabled()) {
            return;
        }
        try {
            gate.prime();
        } catch (RuntimeException e) {
            // An optimisation: the first request meets (and reports) a real problem.
            Log.debugf("account check priming failed: %s", e.getMessage());
        }
    }
}
