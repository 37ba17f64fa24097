package org.newswatch.classifier.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.newswatch.classifier.language.LanguageIdentifier;
import org.newswatch.classifier.text.PreparedField;
import org.newswatch.classifier.text.Tokens;
import org.newswatch.classifier.topic.NegativeContext;
import org.newswatch.classifier.topic.Rule;
import org.newswatch.classifier.topic.Term;
import org.newswatch.classifier.topic.TermGroup;
import org.newswatch.classifier.topic.TermSyntax;
import org.newswatch.classifier.topic.TopicDefinition;
import org.newswatch.contracts.Evidence;
import org.newswatch.contracts.TopicScore;

/**
 * Scores prepared articles against every topic. Compiled once from the topic definitions; thread-safe.
 *
 * <p>Scoring (see the module README): one occurrence of a rule has strength {@code s = rule weight × product
 * of the weights of the terms it matched}. A rule's strength combines its occurrences, strongest first, each
 * counting half the one before: {@code R = 1 − Π(1 − s_k / 2^k)}. The topic's raw score combines its rules
 * like independent pieces of evidence (noisy-OR): {@code 1 − Π(1 − R_r)}; each active negative context
 * multiplies it by its factor. More or stronger evidence never lowers the score; a negative context only does.
 */
public final class RuleEngine {

    /** Occurrences of one rule beyond this add nothing measurable (the 5th counts 1/16). */
    private static final int MAX_OCCURRENCES = 5;
    /** Evidence entries per topic: enough to explain, small enough for every event. */
    static final int MAX_EVIDENCE = 24;
    static final String NEGATIVE_PREFIX = "negative:";

    private record CompiledTerm(int group, String language, double weight, int[] words) {
    }

    private record CompiledRule(String id, double weight, int[] all, int[] none, int[] context, Rule.Scope scope) {
    }

    private record CompiledNegative(String id, int[] groups, double factor, int[] unless) {
    }

    private record CompiledTopic(TopicDefinition definition, List<CompiledRule> rules,
            List<CompiledNegative> negatives) {
    }

    private final WordTrie trie;
    private final CompiledTerm[][] termsByFirstWord;
    private final List<CompiledTopic> topics;
    private final int groupCount;

    private RuleEngine(WordTrie trie, CompiledTerm[][] termsByFirstWord, List<CompiledTopic> topics, int groupCount) {
        this.trie = trie;
        this.termsByFirstWord = termsByFirstWord;
        this.topics = topics;
        this.groupCount = groupCount;
    }

    public static RuleEngine compile(List<TopicDefinition> definitions) {
        WordTrie trie = new WordTrie();
        Map<Integer, List<CompiledTerm>> byFirst = new HashMap<>();
        List<CompiledTopic> topics = new ArrayList<>();
        int groupIndex = 0;
        for (TopicDefinition definition : definitions) {
            Map<String, Integer> groups = new HashMap<>();
            for (TermGroup group : definition.groups()) {
                int index = groupIndex++;
                groups.put(group.name(), index);
                for (Map.Entry<String, List<Term>> entry : group.terms().entrySet()) {
                    for (Term term : entry.getValue()) {
                        List<TermSyntax.Word> words = TermSyntax.parse(term.pattern());
                        int[] ids = words.stream().mapToInt(word -> trie.add(word.text(), word.prefix())).toArray();
                        byFirst.computeIfAbsent(ids[0], k -> new ArrayList<>())
                                .add(new CompiledTerm(index, entry.getKey(), term.weight(), ids));
                    }
                }
            }
            List<CompiledRule> rules = definition.rules().stream()
                    .map(rule -> new CompiledRule(rule.id(), rule.weight(), indexes(rule.all(), groups),
                            indexes(rule.none(), groups), indexes(rule.context(), groups), rule.scope()))
                    .toList();
            List<CompiledNegative> negatives = definition.negatives().stream()
                    .map(negative -> new CompiledNegative(negative.id(), indexes(negative.groups(), groups),
                            negative.factor(), indexes(negative.unless(), groups)))
                    .toList();
            topics.add(new CompiledTopic(definition, rules, negatives));
        }
        CompiledTerm[][] termsByFirstWord = new CompiledTerm[trie.size()][];
        byFirst.forEach((word, terms) -> termsByFirstWord[word] = terms.toArray(CompiledTerm[]::new));
        return new RuleEngine(trie, termsByFirstWord, List.copyOf(topics), groupIndex);
    }

    private static int[] indexes(List<String> names, Map<String, Integer> groups) {
        return names.stream().mapToInt(groups::get).toArray();
    }

    /**
     * Scores every topic, in the order of the definitions.
     *
     * @param fields   the article's fields (title, summary, content), each possibly empty
     * @param language the article's language: terms of other languages are not used, except English and
     *                 language-neutral ones; {@code und} or an unsupported language uses every term
     */
    public List<TopicScore> score(List<PreparedField> fields, String language) {
        List<Match>[] matches = findMatches(fields, language);
        List<TopicScore> scores = new ArrayList<>(topics.size());
        for (CompiledTopic topic : topics) {
            scores.add(scoreTopic(topic, matches, fields));
        }
        return scores;
    }

    private static boolean usesLanguage(String termLanguage, String language) {
        return termLanguage.equals(TermGroup.ANY_LANGUAGE) || termLanguage.equals("en")
                || termLanguage.equals(language) || !LanguageIdentifier.SUPPORTED.contains(language);
    }

    @SuppressWarnings("unchecked")
    private List<Match>[] findMatches(List<PreparedField> fields, String language) {
        List<Match>[] byGroup = new List[groupCount];
        WordTrie.IntList ids = new WordTrie.IntList();
        for (int f = 0; f < fields.size(); f++) {
            Tokens tokens = fields.get(f).tokens();
            int count = tokens.count();
            if (count == 0) {
                continue;
            }
            int[] idStart = new int[count + 1];
            ids.size = 0;
            for (int t = 0; t < count; t++) {
                idStart[t] = ids.size;
                trie.matches(tokens.text(), tokens.start(t), tokens.end(t), ids, ids.size);
                int stem = tokens.strippedStart(t);
                if (stem >= 0) {
                    trie.matches(tokens.text(), stem, tokens.end(t), ids, idStart[t]);
                }
            }
            idStart[count] = ids.size;
            for (int t = 0; t < count; t++) {
                for (int k = idStart[t]; k < idStart[t + 1]; k++) {
                    CompiledTerm[] candidates = termsByFirstWord[ids.values[k]];
                    if (candidates == null) {
                        continue;
                    }
                    for (CompiledTerm term : candidates) {
                        if (usesLanguage(term.language(), language) && restMatches(term, t, tokens, ids, idStart)) {
                            add(byGroup, new Match(term.group(), f, t, t + term.words().length - 1,
                                    tokens.sentence(t), term.weight()));
                        }
                    }
                }
            }
        }
        return byGroup;
    }

    private static boolean restMatches(CompiledTerm term, int t, Tokens tokens, WordTrie.IntList ids, int[] idStart) {
        int[] words = term.words();
        if (t + words.length > tokens.count()) {
            return false;
        }
        for (int w = 1; w < words.length; w++) {
            int token = t + w;
            // A term is a phrase: it never runs across the end of a sentence.
            if (tokens.sentence(token) != tokens.sentence(t)
                    || !ids.contains(words[w], idStart[token], idStart[token + 1])) {
                return false;
            }
        }
        return true;
    }

    /** Keeps, among matches of one group that contain each other, the longest (then the surest). */
    private static void add(List<Match>[] byGroup, Match match) {
        List<Match> list = byGroup[match.group()];
        if (list == null) {
            list = new ArrayList<>(4);
            byGroup[match.group()] = list;
        }
        for (int i = 0; i < list.size(); i++) {
            Match existing = list.get(i);
            if (existing.contains(match)) {
                if (match.contains(existing) && match.weight() > existing.weight()) {
                    list.set(i, match); // the same words by a surer term
                }
                return;
            }
            if (match.contains(existing)) {
                list.set(i, match);
                list.removeIf(other -> other != match && match.contains(other));
                return;
            }
        }
        list.add(match);
    }

    private TopicScore scoreTopic(CompiledTopic topic, List<Match>[] matches, List<PreparedField> fields) {
        Set<Evidence> evidence = new LinkedHashSet<>();
        // Each reading of the same words counts once, under the first rule (in file order) that makes it.
        Set<Set<Match>> counted = new java.util.HashSet<>();
        double missing = 1.0;
        for (CompiledRule rule : topic.rules()) {
            if (rule.context().length > 0 && !any(rule.context(), matches)) {
                continue;
            }
            List<Match[]> occurrences = new ArrayList<>(occurrences(rule, matches));
            occurrences.removeIf(occurrence -> !counted.add(Set.of(occurrence)));
            if (occurrences.isEmpty()) {
                continue;
            }
            double[] strengths = new double[occurrences.size()];
            for (int i = 0; i < strengths.length; i++) {
                double strength = rule.weight();
                for (Match match : occurrences.get(i)) {
                    strength *= match.weight();
                }
                strengths[i] = strength;
            }
            Arrays.sort(strengths);
            double ruleMissing = 1.0;
            for (int k = 0; k < Math.min(MAX_OCCURRENCES, strengths.length); k++) {
                ruleMissing *= 1.0 - strengths[strengths.length - 1 - k] / (1 << k);
            }
            missing *= ruleMissing;
            for (Match[] occurrence : occurrences) {
                for (Match match : occurrence) {
                    evidence.add(evidence(match, fields, rule.id()));
                }
            }
        }
        double score = 1.0 - missing;
        if (score > 0.0) {
            for (CompiledNegative negative : topic.negatives()) {
                if (any(negative.groups(), matches) && !any(negative.unless(), matches)) {
                    score *= negative.factor();
                    for (int group : negative.groups()) {
                        if (matches[group] != null) {
                            for (Match match : matches[group]) {
                                evidence.add(evidence(match, fields, NEGATIVE_PREFIX + negative.id()));
                            }
                        }
                    }
                }
            }
        }
        score = Math.round(score * 10_000) / 10_000.0;
        List<Evidence> sorted = evidence.stream()
                .sorted(Comparator.comparingInt((Evidence e) -> fieldOrder(e.field(), fields))
                        .thenComparingInt(Evidence::start).thenComparingInt(Evidence::end)
                        .thenComparing(Evidence::rule))
                .limit(MAX_EVIDENCE)
                .toList();
        return new TopicScore(topic.definition().id(), score, score >= topic.definition().threshold(), sorted);
    }

    private static int fieldOrder(String name, List<PreparedField> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return fields.size();
    }

    private static boolean any(int[] groups, List<Match>[] matches) {
        for (int group : groups) {
            if (matches[group] != null && !matches[group].isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every way the rule fires: for each match of its first group, the surest (then nearest) match of each
     * other group within the scope (not overlapping it), unless a {@code none} group covers one of their words.
     */
    private static List<Match[]> occurrences(CompiledRule rule, List<Match>[] matches) {
        for (int group : rule.all()) {
            if (matches[group] == null) {
                return List.of();
            }
        }
        List<Match[]> occurrences = new ArrayList<>();
        Set<List<Match>> seen = new LinkedHashSet<>();
        for (Match anchor : matches[rule.all()[0]]) {
            Match[] occurrence = new Match[rule.all().length];
            occurrence[0] = anchor;
            boolean complete = true;
            for (int g = 1; g < rule.all().length && complete; g++) {
                occurrence[g] = strongest(anchor, matches[rule.all()[g]], rule.scope());
                complete = occurrence[g] != null;
            }
            if (!complete || vetoed(occurrence, rule, matches) || !seen.add(List.of(occurrence))) {
                continue;
            }
            occurrences.add(occurrence);
        }
        return occurrences;
    }

    /** A {@code none} group covering a word of the occurrence means those words say something else. */
    private static boolean vetoed(Match[] occurrence, CompiledRule rule, List<Match>[] matches) {
        for (int group : rule.none()) {
            if (matches[group] == null) {
                continue;
            }
            for (Match other : matches[group]) {
                for (Match match : occurrence) {
                    if (other.overlaps(match)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Match strongest(Match anchor, List<Match> candidates, Rule.Scope scope) {
        Match best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Match candidate : candidates) {
            if (candidate.overlaps(anchor)) {
                continue;
            }
            int distance;
            if (scope instanceof Rule.Scope.Window window) {
                if (candidate.field() != anchor.field() || candidate.gap(anchor) > window.words()) {
                    continue;
                }
                distance = candidate.gap(anchor);
            } else if (scope instanceof Rule.Scope.Sentence) {
                if (candidate.field() != anchor.field() || candidate.sentence() != anchor.sentence()) {
                    continue;
                }
                distance = candidate.gap(anchor);
            } else {
                distance = candidate.field() == anchor.field() ? candidate.gap(anchor) : 100_000 + candidate.field();
            }
            if (best == null || candidate.weight() > best.weight()
                    || candidate.weight() == best.weight() && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static Evidence evidence(Match match, List<PreparedField> fields, String rule) {
        PreparedField field = fields.get(match.field());
        int start = field.originStart(match.first());
        int end = Math.max(start, field.originEnd(match.last()));
        return new Evidence(field.name(), start, end, field.original().substring(start, end), rule);
    }
}
