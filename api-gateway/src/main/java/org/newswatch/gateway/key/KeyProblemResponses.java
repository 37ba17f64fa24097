package org.newswatch.gateway.key;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.newswatch.problem.Problem;

/**
 * Documents the answers every keyed endpoint may give, once for all of them: 401 (no key, or a bad or revoked
 * one) and 429 (the key's rate limit). An operation is keyed when it has a security requirement.
 */
public class KeyProblemResponses implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            return operation;
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        addIfAbsent(responses, "401", "No key, or a key that is not valid or revoked (WWW-Authenticate: Bearer)");
        addIfAbsent(responses, "429", "The key made more requests than its rate limit allows; see Retry-After");
        return operation;
    }

    private static void addIfAbsent(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        Content problem = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("Problem")));
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description).content(problem));
    }
}
