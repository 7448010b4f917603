package dev.omniarchitect.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.api.Caller;
import dev.omniarchitect.job.Owner;
import java.util.Arrays;

/**
 * The caller of an API Gateway request, from its request context: an IAM principal, or a JWT's subject and
 * scopes, in payload format 2.0 (HTTP API) or 1.0 (REST API). A request with no authorizer (a {@code sam local
 * invoke} event, the local server without a token) is the local user's.
 */
final class RequestCallers {

    private RequestCallers() {
    }

    static Caller of(JsonNode requestContext) {
        JsonNode authorizer = requestContext.path("authorizer");
        String iamArn = text(authorizer.path("iam").path("userArn"), requestContext.path("identity").path("userArn"));
        JsonNode jwt = authorizer.path("jwt");
        // 2.0 keeps a JWT's claims under authorizer.jwt; a REST API's Cognito authorizer under authorizer.claims.
        JsonNode claims = jwt.isObject() ? jwt.path("claims") : authorizer.path("claims");
        String subject = text(claims.path("sub"));
        if (subject != null) {
            return new Caller(Owner.jwt(subject), hasAdminScope(jwt.path("scopes"), claims.path("scope")));
        }
        if (iamArn != null) {
            return new Caller(Owner.iam(iamArn), true);
        }
        return Caller.LOCAL;
    }

    private static boolean hasAdminScope(JsonNode scopes, JsonNode scopeClaim) {
        for (JsonNode scope : scopes) {
            if (Caller.ADMIN_SCOPE.equals(scope.asText())) {
                return true;
            }
        }
        return scopeClaim.isTextual() && Arrays.asList(scopeClaim.asText().split(" ")).contains(Caller.ADMIN_SCOPE);
    }

    private static String text(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate.isTextual() && !candidate.asText().isBlank()) {
                return candidate.asText();
            }
        }
        return null;
    }
}
