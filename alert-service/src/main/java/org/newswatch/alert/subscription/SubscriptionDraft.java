package org.newswatch.alert.subscription;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.newswatch.problem.Problem.FieldError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The settings of a subscription as a client sent them, before validation: a create body, or a stored
 * subscription with a PATCH body laid over it. Reading checks only JSON types and field names;
 * {@link SubscriptionValidator} checks the values. A field given as JSON {@code null} takes its default.
 */
final class SubscriptionDraft {

    static final Set<String> FIELDS = Set.of("name", "owner", "topics", "keywords", "keywordsMode", "minScore",
            "languages", "sources", "channel", "mode", "digest");
    private static final Set<String> CHANNEL_FIELDS = Set.of("type", "url", "address");
    private static final Set<String> DIGEST_FIELDS = Set.of("frequency", "hour", "timeZone");

    String name;
    String owner;
    List<String> topics;
    List<String> keywords;
    String keywordsMode;
    Double minScore;
    List<String> languages;
    List<String> sources;
    String channelType;
    String channelUrl;
    String channelAddress;
    String mode;
    boolean digestGiven;
    String digestFrequency;
    Integer digestHour;
    String digestTimeZone;
    /** Whether the channel's URL or address was given in this request (and so must be checked again). */
    boolean channelTargetGiven;

    /** The draft of a stored subscription, as a base for a PATCH. */
    static SubscriptionDraft of(Subscription s) {
        SubscriptionDraft d = new SubscriptionDraft();
        d.name = s.name();
        d.owner = s.owner();
        d.topics = s.topics();
        d.keywords = s.keywords();
        d.keywordsMode = s.keywordMode().value();
        d.minScore = s.minScore();
        d.languages = s.languages();
        d.sources = s.sources();
        d.channelType = s.channel().type();
        if (s.channel() instanceof Channel.Webhook webhook) {
            d.channelUrl = webhook.url();
        } else if (s.channel() instanceof Channel.Email email) {
            d.channelAddress = email.address();
        }
        d.mode = s.mode().value();
        if (s.digest() != null) {
            d.digestFrequency = s.digest().frequency().value();
            d.digestHour = s.digest().hour();
            d.digestTimeZone = s.digest().timeZone().getId();
        }
        return d;
    }

    /**
     * Lays the fields of {@code body} over this draft. A {@code digest} object merges (its fields left out keep
     * their value); a {@code channel} is replaced whole, except that its type may be left out.
     *
     * @param ignored top-level fields to skip (e.g. a preview's {@code days})
     * @param errors  receives one entry per field of the wrong type or unknown name
     */
    SubscriptionDraft read(ObjectNode body, Set<String> ignored, List<FieldError> errors) {
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (ignored.contains(key)) {
                continue;
            }
            switch (key) {
                case "name" -> name = text(value, key, errors);
                case "owner" -> owner = text(value, key, errors);
                case "topics" -> topics = texts(value, key, errors);
                case "keywords" -> keywords = texts(value, key, errors);
                case "keywordsMode" -> keywordsMode = text(value, key, errors);
                case "minScore" -> minScore = number(value, key, errors);
                case "languages" -> languages = texts(value, key, errors);
                case "sources" -> sources = texts(value, key, errors);
                case "channel" -> readChannel(value, errors);
                case "mode" -> mode = text(value, key, errors);
                case "digest" -> readDigest(value, errors);
                default -> errors.add(new FieldError(key, "unknown field; known fields: " + known(FIELDS)));
            }
        }
        return this;
    }

    private void readChannel(JsonNode value, List<FieldError> errors) {
        channelTargetGiven = true;
        if (value.isNull()) {
            channelType = null;
            channelUrl = null;
            channelAddress = null;
            return;
        }
        if (!value.isObject()) {
            errors.add(new FieldError("channel", "must be an object such as {\"type\": \"webhook\", \"url\": \"https://…\"}"
                    + " or {\"type\": \"email\", \"address\": \"…\"}"));
            return;
        }
        String previousType = channelType;
        channelType = null;
        channelUrl = null;
        channelAddress = null;
        // A channel is replaced whole: its URL or address is checked again anyway.
        value.fields().forEachRemaining(field -> {
            String path = "channel." + field.getKey();
            switch (field.getKey()) {
                case "type" -> channelType = text(field.getValue(), path, errors);
                case "url" -> channelUrl = text(field.getValue(), path, errors);
                case "address" -> channelAddress = text(field.getValue(), path, errors);
                default -> errors.add(new FieldError(path, "unknown field; known fields: " + known(CHANNEL_FIELDS)));
            }
        });
        // In a PATCH the type may be left out: it stays what it was.
        if (channelType == null && previousType != null) {
            channelType = previousType;
        }
    }

    private void readDigest(JsonNode value, List<FieldError> errors) {
        digestGiven = !value.isNull();
        if (value.isNull()) {
            digestFrequency = null;
            digestHour = null;
            digestTimeZone = null;
            return;
        }
        if (!value.isObject()) {
            errors.add(new FieldError("digest", "must be an object such as {\"frequency\": \"daily\", \"hour\": 8, "
                    + "\"timeZone\": \"Europe/Paris\"}"));
            return;
        }
        value.fields().forEachRemaining(field -> {
            String path = "digest." + field.getKey();
            JsonNode v = field.getValue();
            switch (field.getKey()) {
                case "frequency" -> digestFrequency = text(v, path, errors);
                case "hour" -> {
                    if (v.isNull()) {
                        digestHour = null;
                    } else if (v.isIntegralNumber() && v.canConvertToInt()) {
                        digestHour = v.intValue();
                    } else {
                        errors.add(new FieldError(path, "must be a whole number from 0 to 23"));
                    }
                }
                case "timeZone" -> digestTimeZone = text(v, path, errors);
                default -> errors.add(new FieldError(path, "unknown field; known fields: " + known(DIGEST_FIELDS)));
            }
        });
        // Fields left out keep their value in a PATCH, except an hour that a switch to hourly makes meaningless.
        if ("hourly".equals(digestFrequency) && !value.has("hour")) {
            digestHour = null;
        }
    }

    private static String text(JsonNode value, String path, List<FieldError> errors) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(path, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private static Double number(JsonNode value, String path, List<FieldError> errors) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            errors.add(new FieldError(path, "must be a number"));
            return null;
        }
        return value.doubleValue();
    }

    private static List<String> texts(JsonNode value, String path, List<FieldError> errors) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            errors.add(new FieldError(path, "must be an array of strings"));
            return null;
        }
        List<String> texts = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                errors.add(new FieldError(path + "[" + i + "]", "must be a string"));
            } else {
                texts.add(item.textValue());
            }
        }
        return texts;
    }

    private static String known(Set<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }
}
