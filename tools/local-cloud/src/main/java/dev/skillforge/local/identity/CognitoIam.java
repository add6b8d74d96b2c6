package dev.skillforge.local.identity;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import dev.skillforge.data.testing.cognito.RequestCheck;
import dev.skillforge.data.testing.sigv4.RequestSignature;
import dev.skillforge.local.cloudformation.StackTemplate;
import dev.skillforge.local.credentials.LocalCredentials;
import dev.skillforge.local.iam.Policy;

/**
 * LOCAL ONLY. What AWS checks before a Cognito admin call runs: a SigV4 signature for {@code cognito-idp} by
 * credentials the local cloud issued, and the signer's role policy allowing {@code cognito-idp:<Action>} on the
 * pool's ARN. Signature problems are refused with the code AWS gives (403); a policy denial is Cognito's
 * {@code AccessDeniedException} (400) with IAM's message.
 */
public final class CognitoIam implements RequestCheck {

    public static final String SERVICE = "cognito-idp";

    private final LocalCredentials credentials;
    private final String poolArn;

    public CognitoIam(LocalCredentials credentials, String poolArn) {
        this.credentials = credentials;
        this.poolArn = poolArn;
    }

    @Override
    public Optional<Refusal> check(String action, String method, URI uri, Map<String, String> headers, byte[] body) {
        RequestSignature.Outcome<LocalCredentials.Session> signature = RequestSignature.verifyHeader(method, uri, headers, body, SERVICE,
                StackTemplate.REGION, credentials::byAccessKey);
        if (!signature.verified()) {
            return Optional.of(new Refusal(signature.errorCode(), signature.message(), 403));
        }
        String iamAction = SERVICE + ":" + action;
        if (!signature.session().policy().allows(iamAction, poolArn)) {
            return Optional.of(new Refusal("AccessDeniedException",
                    Policy.deniedMessage(signature.session().principalArn(), iamAction, poolArn), 400));
        }
        return Optional.empty();
    }
}
