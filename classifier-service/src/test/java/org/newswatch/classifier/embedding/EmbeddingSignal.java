package org.newswatch.classifier.embedding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.newswatch.classifier.eval.EvalItem;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The second signal evaluated next to the rules: the sentence embedding of an item (all-MiniLM-L6-v2,
 * quantized, shipped inside its Maven artifact: no download) compared with labelled prototypes. For a topic
 * the signal is a nearest-neighbour margin: the highest cosine similarity to a prototype that has the topic
 * minus the highest to one that has not. Prototypes are the dev split (tuning data) plus the topic's
 * description; an item is never compared with itself.
 */
public final class EmbeddingSignal {

    private record Prototype(String id, float[] vector, boolean positive) {
    }

    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    private final Map<String, List<Prototype>> prototypes = new HashMap<>();
    private final Map<String, float[]> cache = new HashMap<>();

    /** Prototypes for {@code topic}: its description, and each dev item with or without the label. */
    public EmbeddingSignal(Map<String, String> descriptions, List<EvalItem> dev) {
        descriptions.forEach((topic, description) -> {
            List<Prototype> list = new ArrayList<>();
            list.add(new Prototype("description:" + topic, embed(description), true));
            for (EvalItem item : dev) {
                list.add(new Prototype(item.id(), embed(text(item)), item.labels().contains(topic)));
            }
            prototypes.put(topic, list);
        });
    }

    public static String text(EvalItem item) {
        return item.title() + ". " + item.summary();
    }

    /** The margin of {@code item} for {@code topic}, in [-2, 2]; positive when it looks like the topic. */
    public double margin(String topic, EvalItem item) {
        float[] vector = cache.computeIfAbsent(item.id(), id -> embed(text(item)));
        double bestPositive = -1;
        double bestNegative = -1;
        for (Prototype prototype : prototypes.get(topic)) {
            if (prototype.id().equals(item.id())) {
                continue;
            }
            double similarity = cosine(vector, prototype.vector());
            if (prototype.positive()) {
                bestPositive = Math.max(bestPositive, similarity);
            } else {
                bestNegative = Math.max(bestNegative, similarity);
            }
        }
        return bestPositive - bestNegative;
    }

    /** Embeds one text (what the service would do per article if the signal were kept). */
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
