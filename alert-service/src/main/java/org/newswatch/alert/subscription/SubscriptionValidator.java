package org.newswatch.alert.subscription;

import java.net.IDN;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.newswatch.alert.config.AlertConfig;
import org.newswatch.alert.matching.Keyword;
import org.newswatch.problem.Problem.FieldError;
import org.newswatch.security.OutboundUrlGuard;
import org.newswatch.security.RefusedUrlException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks the values of a {@link SubscriptionDraft} and turns it into a {@link NewSubscription}, or says
 * precisely which fields are wrong and why. Webhook URLs pass the SSRF guard.
 */
@ApplicationScoped
public class SubscriptionValidator {

    static final int MAX_NAME = 200;
    static final int MAX_TOPICS = 20;
    static final int MAX_KEYWORDS = 50;
    static final int MAX_LANGUAGES = 30;
    static final int MAX_SOURCES = 100;
    static final int MAX_SOURCE = 200;
    static final int MAX_URL = 2_000;
    static final double DEFAULT_MIN_SCORE = 0.5;
    static final int DEFAULT_DIGEST_HOUR = 8;

    // RFC 5321 dot-atom local part; the domain is checked label by label after IDN conversion.
    private static final Pattern LOCAL_PART = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TOP_LEVEL = Pattern.compile("([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})");

    private final Set<String> knownTopics;
    private final OutboundUrlGuard urlGuard;

    public SubscriptionValidator(AlertConfig config, OutboundUrlGuard urlGuard) {
        this.knownTopics = new LinkedHashSet<>(config.knownTopics());
        this.urlGuard = urlGuard;
    }

    /** What decides whether an article matches: the part a preview needs. */
    public record Content(List<String> topics, List<String> keywords, KeywordMode keywordMode, double minScore,
            List<String> languages, List<String> sources) {
    }

    /**
     * The whole subscription.
     *
     * @param checkTarget whether the channel's URL or address is new and must be checked (SSRF, syntax)
     */
    NewSubscription validate(SubscriptionDraft d, UUID id, String owner, boolean checkTarget,
            List<FieldError> errors) {
        Content content = content(d, errors);
        String name = d.name == null || d.name.isBlank() ? null : d.name.strip();
        if (name != null && name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "is longer than " + MAX_NAME + " characters"));
        }
        String target = channel(d, checkTarget, errors);
        DeliveryMode mode = mode(d, errors);
        Digest digest = digest(d, mode, errors);
        if (mode == DeliveryMode.DIGEST && Channel.Webhook.TYPE.equals(d.channelType)) {
            errors.add(new FieldError("mode", "digests are e-mails; a webhook receives each story as it is matched, "
                    + "use mode \"immediate\""));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new NewSubscription(id, owner, name == null ? String.join(", ", content.topics()) : name,
                content.topics(), content.keywords(), content.keywordMode(), content.minScore(), content.languages(),
                content.sources(), d.channelType, target, mode, digest);
    }

    /** The matching conditions alone (for previews of a subscription not stored). */
    Content content(SubscriptionDraft d, List<FieldError> errors) {
        List<String> topics = topics(d.topics, errors);
        List<String> keywords = keywords(d.keywords, errors);
        KeywordMode keywordMode = KeywordMode.ANY;
        if (d.keywordsMode != null) {
            try {
                keywordMode = KeywordMode.of(d.keywordsMode);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("keywordsMode", "must be \"all\" or \"any\", not \"" + d.keywordsMode + "\""));
            }
        }
        double minScore = DEFAULT_MIN_SCORE;
        if (d.minScore != null) {
            if (!(d.minScore >= 0 && d.minScore <= 1)) {
                errors.add(new FieldError("minScore", "must be between 0 and 1, not " + d.minScore));
            } else {
                minScore = d.minScore;
            }
        }
        return new Content(topics, keywords, keywordMode, minScore, languages(d.languages, errors),
                sources(d.sources, errors));
    }

    private List<String> topics(List<String> given, List<FieldError> errors) {
        if (given == null || given.isEmpty()) {
            errors.add(new FieldError("topics", "at least one topic is needed; known topics: " + knownTopicList()));
            return List.of();
        }
        if (given.size() > MAX_TOPICS) {
            errors.add(new FieldError("topics", "at most " + MAX_TOPICS + " topics"));
        }
        Set<String> topics = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String topic = given.get(i).strip();
            if (!knownTopics.contains(topic)) {
                errors.add(new FieldError("topics[" + i + "]", "unknown topic \"" + topic + "\"; known topics: "
                        + knownTopicList()));
            }
            topics.add(topic);
        }
        return List.copyOf(topics);
    }

    private String knownTopicList() {
        return String.join(", ", knownTopics);
    }

    private static List<String> keywords(List<String> given, List<FieldError> errors) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_KEYWORDS) {
            errors.add(new FieldError("keywords", "at most " + MAX_KEYWORDS + " keywords"));
        }
        Set<String> keywords = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            Optional<String> problem = Keyword.parseOrProblem(given.get(i));
            if (problem.isPresent()) {
                errors.add(new FieldError("keywords[" + i + "]", problem.get()));
            } else {
                keywords.add(given.get(i).strip());
            }
        }
        return List.copyOf(keywords);
    }

    private static List<String> languages(List<String> given, List<FieldError> errors) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_LANGUAGES) {
            errors.add(new FieldError("languages", "at most " + MAX_LANGUAGES + " languages"));
        }
        Set<String> languages = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String tag = given.get(i).strip();
            try {
                Locale locale = new Locale.Builder().setLanguageTag(tag).build();
                if (locale.getLanguage().isEmpty()) {
                    throw new IllformedLocaleException("no language subtag");
                }
                languages.add(locale.toLanguageTag());
            } catch (IllformedLocaleException e) {
                errors.add(new FieldError("languages[" + i + "]", "\"" + tag
                        + "\" is not a BCP 47 language tag such as \"fr\" or \"pt-BR\""));
            }
        }
        return List.copyOf(languages);
    }

    private static List<String> sources(List<String> given, List<FieldError> errors) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_SOURCES) {
            errors.add(new FieldError("sources", "at most " + MAX_SOURCES + " sources"));
        }
        Set<String> sources = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String source = given.get(i).strip();
            if (source.isEmpty() || source.length() > MAX_SOURCE) {
                errors.add(new FieldError("sources[" + i + "]", "must be a source name, feed id or host of 1 to "
                        + MAX_SOURCE + " characters"));
            } else {
                sources.add(source);
            }
        }
        return List.copyOf(sources);
    }

    private String channel(SubscriptionDraft d, boolean checkTarget, List<FieldError> errors) {
        if (d.channelType == null) {
            errors.add(new FieldError("channel", "a channel is needed: {\"type\": \"webhook\", \"url\": \"https://…\"} "
                    + "or {\"type\": \"email\", \"address\": \"…\"}"));
            return null;
        }
        switch (d.channelType) {
            case Channel.Webhook.TYPE -> {
                if (d.channelAddress != null) {
                    errors.add(new FieldError("channel.address", "a webhook channel has a url, not an address"));
                }
                if (d.channelUrl == null || d.channelUrl.isBlank()) {
                    errors.add(new FieldError("channel.url", "a webhook channel needs the URL to post to"));
                    return null;
                }
                String url = d.channelUrl.strip();
                if (!checkTarget) {
                    return url;
                }
                if (url.length() > MAX_URL) {
                    errors.add(new FieldError("channel.url", "is longer than " + MAX_URL + " characters"));
                    return null;
                }
                try {
                    urlGuard.check(url);
                } catch (RefusedUrlException e) {
                    errors.add(new FieldError("channel.url", e.getMessage()));
                    return null;
                }
                return url;
            }
            case Channel.Email.TYPE -> {
                if (d.channelUrl != null) {
                    errors.add(new FieldError("channel.url", "an e-mail channel has an address, not a url"));
                }
                if (d.channelAddress == null || d.channelAddress.isBlank()) {
                    errors.add(new FieldError("channel.address", "an e-mail channel needs the address to write to"));
                    return null;
                }
                return checkTarget ? emailAddress(d.channelAddress.strip(), errors) : d.channelAddress.strip();
            }
            default -> {
                errors.add(new FieldError("channel.type", "must be \"webhook\" or \"email\", not \"" + d.channelType
                        + "\""));
                return null;
            }
        }
    }

    /** The address with its domain in lower case, or null after recording why it is not one. */
    static String emailAddress(String address, List<FieldError> errors) {
        int at = address.lastIndexOf('@');
        String problem = null;
        String domain = null;
        if (at <= 0 || at == address.length() - 1) {
            problem = "is not an e-mail address (name@example.org)";
        } else if (address.length() > 254) {
            problem = "is longer than 254 characters";
        } else {
            String local = address.substring(0, at);
            if (local.length() > 64 || !LOCAL_PART.matcher(local).matches()) {
                problem = "has an invalid part before the @";
            } else {
                try {
                    domain = IDN.toASCII(address.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
                    problem = domainProblem(domain);
                } catch (IllegalArgumentException e) {
                    problem = "has an invalid domain";
                }
            }
        }
        if (problem != null) {
            errors.add(new FieldError("channel.address", "\"" + address + "\" " + problem));
            return null;
        }
        return address.substring(0, at) + "@" + domain;
    }

    private static String domainProblem(String domain) {
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return "has no top-level domain after the @";
        }
        for (String label : labels) {
            if (!DOMAIN_LABEL.matcher(label).matches()) {
                return "has an invalid domain";
            }
        }
        return TOP_LEVEL.matcher(labels[labels.length - 1]).matches() ? null : "has an invalid top-level domain";
    }

    private static DeliveryMode mode(SubscriptionDraft d, List<FieldError> errors) {
        if (d.mode == null) {
            return DeliveryMode.IMMEDIATE;
        }
        try {
            return DeliveryMode.of(d.mode);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("mode", "must be \"immediate\" or \"digest\", not \"" + d.mode + "\""));
            return null;
        }
    }

    private static Digest digest(SubscriptionDraft d, DeliveryMode mode, List<FieldError> errors) {
        if (mode != DeliveryMode.DIGEST) {
            if (d.digestGiven && mode == DeliveryMode.IMMEDIATE) {
                errors.add(new FieldError("digest", "applies to mode \"digest\" only"));
            }
            return null;
        }
        List<FieldError> local = new ArrayList<>();
        Digest.Frequency frequency = Digest.Frequency.DAILY;
        if (d.digestFrequency != null) {
            try {
                frequency = Digest.Frequency.of(d.digestFrequency);
            } catch (IllegalArgumentException e) {
                local.add(new FieldError("digest.frequency", "must be \"hourly\" or \"daily\", not \""
                        + d.digestFrequency + "\""));
            }
        }
        Integer hour = d.digestHour;
        if (frequency == Digest.Frequency.HOURLY && hour != null) {
            local.add(new FieldError("digest.hour", "applies to daily digests only; an hourly digest goes out at the "
                    + "start of every hour"));
        } else if (frequency == Digest.Frequency.DAILY) {
            if (hour == null) {
                hour = DEFAULT_DIGEST_HOUR;
            } else if (hour < 0 || hour > 23) {
                local.add(new FieldError("digest.hour", "must be from 0 to 23, not " + hour));
            }
        }
        String zone = d.digestTimeZone == null ? "UTC" : d.digestTimeZone.strip();
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            local.add(new FieldError("digest.timeZone", "\"" + zone
                    + "\" is not an IANA time zone such as \"Europe/Paris\" or \"UTC\""));
        }
        if (!local.isEmpty()) {
            errors.addAll(local);
            return null;
        }
        return new Digest(frequency, frequency == Digest.Frequency.DAILY ? hour : null, ZoneId.of(zone));
    }
}
