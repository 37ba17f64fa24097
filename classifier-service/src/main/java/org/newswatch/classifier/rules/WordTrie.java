package org.newswatch.classifier.rules;

import java.util.Arrays;

/**
 * Every word of every term, exact or prefix, in one character trie: one walk over a word of the text finds
 * every term word it matches, without building strings.
 */
final class WordTrie {

    private static final class Node {
        char[] keys = new char[0];
        Node[] children = new Node[0];
        int exactId = -1;
        int prefixId = -1;

        Node child(char c) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == c) {
                    return children[i];
                }
            }
            return null;
        }

        Node addChild(char c) {
            Node existing = child(c);
            if (existing != null) {
                return existing;
            }
            keys = Arrays.copyOf(keys, keys.length + 1);
            children = Arrays.copyOf(children, children.length + 1);
            keys[keys.length - 1] = c;
            Node node = new Node();
            children[children.length - 1] = node;
            return node;
        }
    }

    private final Node root = new Node();
    private int size;

    /** The id of the word (exact or prefix), added if new. */
    int add(String word, boolean prefix) {
        Node node = root;
        for (int i = 0; i < word.length(); i++) {
            node = node.addChild(word.charAt(i));
        }
        if (prefix) {
            if (node.prefixId < 0) {
                node.prefixId = size++;
            }
            return node.prefixId;
        }
        if (node.exactId < 0) {
            node.exactId = size++;
        }
        return node.exactId;
    }

    int size() {
        return size;
    }

    /**
     * Adds to {@code out} the ids of the words that {@code text[from, to)} matches, skipping ids already in
     * {@code out} from index {@code segment} on.
     */
    void matches(CharSequence text, int from, int to, IntList out, int segment) {
        Node node = root;
        for (int i = from; i < to; i++) {
            node = node.child(text.charAt(i));
            if (node == null) {
                return;
            }
            if (node.prefixId >= 0) {
                out.addUnique(node.prefixId, segment);
            }
        }
        if (node.exactId >= 0) {
            out.addUnique(node.exactId, segment);
        }
    }

    /** A growable list of ints. */
    static final class IntList {
        int[] values = new int[16];
        int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addUnique(int value, int from) {
            for (int i = from; i < size; i++) {
                if (values[i] == value) {
                    return;
                }
            }
            add(value);
        }

        boolean contains(int value, int from, int to) {
            for (int i = from; i < to; i++) {
                if (values[i] == value) {
                    return true;
                }
            }
            return false;
        }
    }
}
