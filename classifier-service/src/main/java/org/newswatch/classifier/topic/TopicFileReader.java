package org.newswatch.classifier.topic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.newswatch.classifier.language.LanguageIdentifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads one topic file (YAML; JSON is YAML too) into a {@link TopicDefinition}, collecting every mistake
 * with the file, the field and the problem rather than stopping at the first.
 */
public final class TopicFileReader {

    static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+([-_][a-z0-9]+)*");
    private static final int MAX_WINDOW = 200;
    private static final Set<String> TOP_LEVEL = Set.of("id", "description", "threshold", "window", "groups", "rules",
            "negative-contexts", "examples");
    private static final Set<String> GROUP_FIELDS = Set.of("description", "terms");
    private static final Set<String> TERM_FIELDS = Set.of("term", "weight");
    private static final Set<String> RULE_FIELDS = Set.of("id", "description", "weight", "all", "none", "context", "within");
    private static final Set<String> NEGATIVE_FIELDS = Set.of("id", "description", "groups", "factor", "unless");
    private static final Set<String> EXAMPLE_FIELDS = Set.of("positive", "negative");
    private static final int DEFAULT_WINDOW = 8;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String file;
    private final List<TopicDefinitionException.Problem> problems = new ArrayList<>();

    private TopicFileReader(String file) {
        this.file = file;
    }

    /**
     * Reads the topic in {@code content}.
     *
     * @param file       the file's name as the analyst knows it, for messages (its base name must be the id)
     * @param content    the file's text
     * @throws TopicDefinitionException listing every problem found
     */
    public static TopicDefinition read(String file, String content) {
        TopicFileReader reader = new TopicFileReader(file);
        TopicDefinition topic = reader.parse(content);
        if (!reader.problems.isEmpty()) {
            throw new TopicDefinitionException(reader.problems);
        }
        return topic;
    }

    private TopicDefinition parse(String content) {
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            problem("", "is not valid YAML" + where + ": " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            problem("", "cannot be read: " + e.getMessage());
            return null;
        }
        if (root == null || !root.isObject()) {
            problem("", "must be a mapping with id, description, threshold, groups and rules");
            return null;
        }
        unknownFields(root, "", TOP_LEVEL);

        String id = requiredText(root, "id", "");
        if (id != null && !ID.matcher(id).matches()) {
            problem("id", "'" + id + "' must be lower-case letters, digits and single hyphens, e.g. icc-sanctions");
        }
        String baseName = baseName(file);
        if (id != null && !id.equals(baseName)) {
            problem("id", "'" + id + "' differs from the file name '" + baseName + "': name the file " + id + ".yaml");
        }
        String description = requiredText(root, "description", "");
        double threshold = number(root, "threshold", "", null, false);
        int window = root.has("window") ? window(root.get("window"), "window") : DEFAULT_WINDOW;

        Map<String, TermGroup> groups = groups(root.get("groups"));
        List<Rule> rules = rules(root.get("rules"), groups.keySet(), window);
        List<NegativeContext> negatives = negatives(root.get("negative-contexts"), groups.keySet());
        TopicDefinition.Examples examples = examples(root.get("examples"));
        if (!problems.isEmpty()) {
            return null;
        }
        return new TopicDefinition(id, description.strip(), threshold, List.copyOf(groups.values()), rules, negatives,
                examples, file);
    }

    private Map<String, TermGroup> groups(JsonNode node) {
        Map<String, TermGroup> groups = new LinkedHashMap<>();
        if (node == null || !node.isObject() || node.isEmpty()) {
            problem("groups", "is missing: give at least one term group (name: {terms: {en: [...]}})");
            return groups;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            String path = "groups." + name;
            if (!NAME.matcher(name).matches()) {
                problem(path, "group name '" + name + "' must be lower-case letters, digits, - or _");
            }
            JsonNode group = entry.getValue();
            if (group == null || !group.isObject()) {
                problem(path, "must be a mapping with 'terms'");
                continue;
            }
            unknownFields(group, path, GROUP_FIELDS);
            JsonNode terms = group.get("terms");
            if (terms == null || !terms.isObject() || terms.isEmpty()) {
                problem(path + ".terms", "is missing: give terms per language, e.g. en: [\"international criminal court\"]");
                continue;
            }
            Map<String, List<Term>> byLanguage = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> langs = terms.fields(); langs.hasNext(); ) {
                Map.Entry<String, JsonNode> lang = langs.next();
                String langPath = path + ".terms." + lang.getKey();
                if (!lang.getKey().equals(TermGroup.ANY_LANGUAGE) && !LanguageIdentifier.SUPPORTED.contains(lang.getKey())) {
                    problem(langPath, "unknown language '" + lang.getKey() + "'; use one of " + TermGroup.ANY_LANGUAGE
                            + ", " + String.join(", ", LanguageIdentifier.SUPPORTED));
                    continue;
                }
                byLanguage.put(lang.getKey(), terms(lang.getValue(), langPath));
            }
            groups.put(name, new TermGroup(name, byLanguage));
        }
        return groups;
    }

    private List<Term> terms(JsonNode node, String path) {
        List<Term> terms = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            problem(path, "must be a non-empty list of terms");
            return terms;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemPath = path + "[" + i + "]";
            String pattern;
            double weight = 1.0;
            if (item.isTextual()) {
                pattern = item.asText();
            } else if (item.isObject()) {
                unknownFields(item, itemPath, TERM_FIELDS);
                pattern = requiredText(item, "term", itemPath);
                if (item.has("weight")) {
                    weight = number(item, "weight", itemPath, null, false);
                }
                if (pattern == null) {
                    continue;
                }
            } else {
                problem(itemPath, "must be a term (text) or {term: ..., weight: ...}");
                continue;
            }
            try {
                List<TermSyntax.Word> words = TermSyntax.parse(pattern);
                String key = words.toString();
                if (!seen.add(key)) {
                    problem(itemPath, "'" + pattern + "' is listed twice (after ignoring case and accents)");
                }
                terms.add(new Term(pattern, weight));
            } catch (IllegalArgumentException e) {
                problem(itemPath, "term " + e.getMessage());
            }
        }
        return terms;
    }

    private List<Rule> rules(JsonNode node, Set<String> groups, int defaultWindow) {
        List<Rule> rules = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            problem("rules", "is missing: give at least one rule (id, weight, all: [groups])");
            return rules;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode rule = node.get(i);
            String path = "rules[" + i + "]";
            if (!rule.isObject()) {
                problem(path, "must be a mapping with id, weight and all");
                continue;
            }
            String id = requiredText(rule, "id", path);
            if (id != null) {
                path = "rules[" + id + "]";
                if (!NAME.matcher(id).matches()) {
                    problem(path + ".id", "rule id '" + id + "' must be lower-case letters, digits, - or _");
                }
                if (!ids.add(id)) {
                    problem(path + ".id", "rule id '" + id + "' is used twice");
                }
            }
            unknownFields(rule, path, RULE_FIELDS);
            double weight = number(rule, "weight", path, null, false);
            List<String> all = groupList(rule.get("all"), path + ".all", groups, true);
            List<String> none = groupList(rule.get("none"), path + ".none", groups, false);
            List<String> context = groupList(rule.get("context"), path + ".context", groups, false);
            for (String group : none) {
                if (all.contains(group)) {
                    problem(path + ".none", "group '" + group + "' is in both all and none");
                }
            }
            Rule.Scope scope = new Rule.Scope.Window(defaultWindow);
            JsonNode within = rule.get("within");
            if (within != null) {
                if (within.isTextual() && within.asText().equals("sentence")) {
                    scope = new Rule.Scope.Sentence();
                } else if (within.isTextual() && within.asText().equals("article")) {
                    scope = new Rule.Scope.Article();
                } else {
                    scope = new Rule.Scope.Window(window(within, path + ".within"));
                }
            }
            if (id != null) {
                rules.add(new Rule(id, weight, all, none, context, scope));
            }
        }
        return rules;
    }

    private List<NegativeContext> negatives(JsonNode node, Set<String> groups) {
        List<NegativeContext> negatives = new ArrayList<>();
        if (node == null) {
            return negatives;
        }
        if (!node.isArray()) {
            problem("negative-contexts", "must be a list of {id, groups, factor, unless}");
            return negatives;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode negative = node.get(i);
            String path = "negative-contexts[" + i + "]";
            if (!negative.isObject()) {
                problem(path, "must be a mapping with id, groups and factor");
                continue;
            }
            String id = requiredText(negative, "id", path);
            if (id != null) {
                path = "negative-contexts[" + id + "]";
                if (!ids.add(id)) {
                    problem(path + ".id", "negative context id '" + id + "' is used twice");
                }
            }
            unknownFields(negative, path, NEGATIVE_FIELDS);
            List<String> when = groupList(negative.get("groups"), path + ".groups", groups, true);
            List<String> unless = groupList(negative.get("unless"), path + ".unless", groups, false);
            double factor = number(negative, "factor", path, 0.0, true);
            if (id != null) {
                negatives.add(new NegativeContext(id, when, factor, unless));
            }
        }
        return negatives;
    }

    private TopicDefinition.Examples examples(JsonNode node) {
        if (node == null) {
            return new TopicDefinition.Examples(List.of(), List.of());
        }
        if (!node.isObject()) {
            problem("examples", "must be a mapping with positive and negative lists of texts");
            return new TopicDefinition.Examples(List.of(), List.of());
        }
        unknownFields(node, "examples", EXAMPLE_FIELDS);
        return new TopicDefinition.Examples(texts(node.get("positive"), "examples.positive"),
                texts(node.get("negative"), "examples.negative"));
    }

    private List<String> texts(JsonNode node, String path) {
        List<String> texts = new ArrayList<>();
        if (node == null) {
            return texts;
        }
        if (!node.isArray()) {
            problem(path, "must be a list of texts");
            return texts;
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
                problem(path + "[" + i + "]", "must be a non-empty text");
            } else {
                texts.add(node.get(i).asText());
            }
        }
        return texts;
    }

    private List<String> groupList(JsonNode node, String path, Set<String> groups, boolean required) {
        List<String> names = new ArrayList<>();
        if (node == null) {
            if (required) {
                problem(path, "is missing: list the groups, e.g. [court, coercive-measure]");
            }
            return names;
        }
        if (!node.isArray() || (required && node.isEmpty())) {
            problem(path, "must be a " + (required ? "non-empty " : "") + "list of group names");
            return names;
        }
        for (int i = 0; i < node.size(); i++) {
            String name = node.get(i).asText();
            if (!node.get(i).isTextual() || !groups.contains(name)) {
                problem(path + "[" + i + "]", "unknown group '" + node.get(i).asText() + "'; groups are "
                        + String.join(", ", groups));
            } else if (names.contains(name)) {
                problem(path + "[" + i + "]", "group '" + name + "' is listed twice");
            } else {
                names.add(name);
            }
        }
        return names;
    }

    private int window(JsonNode node, String path) {
        if (node.isInt() && node.asInt() >= 0 && node.asInt() <= MAX_WINDOW) {
            return node.asInt();
        }
        problem(path, "must be a number of words from 0 to " + MAX_WINDOW + ", 'sentence' or 'article', not '"
                + node.asText() + "'");
        return DEFAULT_WINDOW;
    }

    /**
     * A number in (0, 1], or in [0, 1) when {@code zeroToBelowOne}; {@code fallback} when absent (null: required).
     */
    private double number(JsonNode parent, String field, String parentPath, Double fallback, boolean zeroToBelowOne) {
        String path = parentPath.isEmpty() ? field : parentPath + "." + field;
        JsonNode node = parent.get(field);
        if (node == null) {
            if (fallback == null) {
                problem(path, "is missing");
                return 1.0;
            }
            return fallback;
        }
        if (!node.isNumber()) {
            problem(path, "must be a number, not '" + node.asText() + "'");
            return 1.0;
        }
        double value = node.asDouble();
        boolean ok = zeroToBelowOne ? value >= 0.0 && value < 1.0 : value > 0.0 && value <= 1.0;
        if (!ok) {
            problem(path, value + " is out of range: must be " + (zeroToBelowOne ? "from 0 (veto) to below 1"
                    : "above 0 and at most 1"));
        }
        return value;
    }

    private String requiredText(JsonNode parent, String field, String parentPath) {
        String path = parentPath.isEmpty() ? field : parentPath + "." + field;
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            problem(path, "is missing");
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problem(path, "must be a non-empty text");
            return null;
        }
        return node.asText();
    }

    private void unknownFields(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(path.isEmpty() ? name : path + "." + name, "unknown field; expected one of "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private void problem(String field, String problem) {
        problems.add(new TopicDefinitionException.Problem(file, field, problem));
    }

    static String baseName(String file) {
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
