package org.newswatch.alert.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.newswatch.alert.matching.SubscriptionFilter;
import org.newswatch.alert.secret.SubscriptionSecrets;
import org.newswatch.alert.secret.WebhookSecret;
import org.newswatch.problem.Problem;
import org.newswatch.problem.Problem.FieldError;
import org.newswatch.problem.ProblemException;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The subscription use cases behind the API. {@code owner} is the caller's owner (from
 * {@code X-Newswatch-Owner}), or empty for an administrator, who sees every subscription.
 */
@ApplicationScoped
public class SubscriptionService {

    static final int MAX_OWNER = 200;

    private final SubscriptionRepository repository;
    private final SubscriptionValidator validator;
    private final SubscriptionSecrets secrets;

    public SubscriptionService(SubscriptionRepository repository, SubscriptionValidator validator,
            SubscriptionSecrets secrets) {
        this.repository = repository;
        this.validator = validator;
        this.secrets = secrets;
    }

    /** A new subscription and, for a webhook, its secret in plain form: the only time it is shown. */
    public record Created(Subscription subscription, WebhookSecret secret) {
    }

    public Created create(ObjectNode body, Optional<String> owner) {
        List<FieldError> errors = new ArrayList<>();
        SubscriptionDraft draft = new SubscriptionDraft().read(body, Set.of(), errors);
        String resolvedOwner = ownerOf(draft, owner, errors);
        UUID id = UUID.randomUUID();
        // Validation resolves the webhook's host (SSRF check): done before any transaction is open.
        NewSubscription subscription = validator.validate(draft, id, resolvedOwner, true, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (Channel.Webhook.TYPE.equals(subscription.channelType())) {
            SubscriptionSecrets.Issued issued = secrets.issue(id);
            return new Created(repository.insert(subscription, issued.encrypted()), issued.secret());
        }
        return new Created(repository.insert(subscription, null), null);
    }

    private static String ownerOf(SubscriptionDraft draft, Optional<String> owner, List<FieldError> errors) {
        if (owner.isPresent()) {
            if (draft.owner != null && !draft.owner.equals(owner.get())) {
                errors.add(new FieldError("owner", "is the caller's own (X-Newswatch-Owner) and cannot be set to "
                        + "another; leave it out"));
            }
            return owner.get();
        }
        if (draft.owner == null || draft.owner.isBlank()) {
            errors.add(new FieldError("owner", "an administrator (no X-Newswatch-Owner) must say whose subscription "
                    + "this is"));
            return null;
        }
        String given = draft.owner.strip();
        if (given.length() > MAX_OWNER) {
            errors.add(new FieldError("owner", "is longer than " + MAX_OWNER + " characters"));
        }
        return given;
    }

    /**
     * The matching conditions of a subscription body that is not stored (for a preview); its other fields
     * are read but not checked.
     */
    public SubscriptionFilter filterOf(ObjectNode body, Set<String> ignored) {
        List<FieldError> errors = new ArrayList<>();
        SubscriptionDraft draft = new SubscriptionDraft().read(body, ignored, errors);
        SubscriptionValidator.Content content = validator.content(draft, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new SubscriptionFilter(content.topics(), content.minScore(), content.languages(), content.sources(),
                content.keywords(), content.keywordMode());
    }

    public Subscription get(UUID id, Optional<String> owner) {
        return repository.find(id, owner).orElseThrow(() -> notFound(id));
    }

    public SubscriptionPage list(Optional<String> owner, String cursor, int limit) {
        try {
            return repository.list(owner, cursor, limit);
        } catch (InvalidCursorException e) {
            throw new ProblemException(Problem.of(400, e.getMessage()));
        }
    }

    /** Applies a PATCH body: given fields replace stored ones, {@code null} restores a field's default. */
    public Subscription update(UUID id, Optional<String> owner, ObjectNode patch) {
        Subscription current = get(id, owner);
        List<FieldError> errors = new ArrayList<>();
        SubscriptionDraft draft = SubscriptionDraft.of(current).read(patch, Set.of(), errors);
        if (!current.owner().equals(draft.owner)) {
            errors.add(new FieldError("owner", "cannot change; create the subscription for the new owner instead"));
        }
        if (draft.channelType != null && !current.channel().type().equals(draft.channelType)) {
            errors.add(new FieldError("channel.type", "cannot change from " + current.channel().type() + " to "
                    + draft.channelType + "; create a new subscription instead"));
        }
        NewSubscription updated = validator.validate(draft, id, current.owner(), draft.channelTargetGiven, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return repository.update(updated);
    }

    @Transactional
    public Subscription pause(UUID id, Optional<String> owner) {
        return changeStatus(id, owner, SubscriptionStatus.PAUSED);
    }

    /** Makes a paused or disabled subscription active again. */
    @Transactional
    public Subscription resume(UUID id, Optional<String> owner) {
        return changeStatus(id, owner, SubscriptionStatus.ACTIVE);
    }

    private Subscription changeStatus(UUID id, Optional<String> owner, SubscriptionStatus status) {
        if (!repository.setStatus(id, owner, status, null)) {
            throw notFound(id);
        }
        return get(id, owner);
    }

    public void delete(UUID id, Optional<String> owner) {
        if (!repository.delete(id, owner)) {
            throw notFound(id);
        }
    }

    /** A new webhook secret; the previous one keeps signing during the overlap. */
    public SubscriptionSecrets.Rotated rotateSecret(UUID id, Optional<String> owner) {
        Subscription subscription = get(id, owner);
        if (!(subscription.channel() instanceof Channel.Webhook)) {
            throw new ProblemException(Problem.of(400,
                    "subscription " + id + " delivers by e-mail; only webhook subscriptions "
                    + "have a signing secret"));
        }
        return secrets.rotate(id, owner).orElseThrow(() -> notFound(id));
    }

    static ProblemException notFound(UUID id) {
        // The same answer whether the subscription does not exist or belongs to someone else.
        return ProblemException.notFound("no subscription " + id);
    }
}
