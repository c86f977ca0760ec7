package org.clipdg.similarity;

import java.util.ArrayList;
import java.util.List;

/**
 * The best {@code k} candidates seen for one query: highest similarity first, ties broken by the
 * smaller (dataset, key), so the result does not depend on the order candidates arrive in. A
 * bounded heap whose root is the worst kept candidate.
 */
final class NeighbourHeap {
    record Neighbour(String dataset, String key, float similarity) {}

    private final float[] similarities;
    private final String[] datasets;
    private final String[] keys;
    private int size;

    NeighbourHeap(int k) {
        similarities = new float[k];
        datasets = new String[k];
        keys = new String[k];
    }

    /** Candidates below this similarity cannot enter; equal ones may, on the key tie-break. */
    float floor() {
        return size < similarities.length ? Float.NEGATIVE_INFINITY : similarities[0];
    }

    void offer(float similarity, String dataset, String key) {
        if (size < similarities.length) {
            set(size, similarity, dataset, key);
            siftUp(size++);
        } else if (worse(0, similarity, dataset, key)) {
            set(0, similarity, dataset, key);
            siftDown(0);
        }
    }

    /** Best first. */
    List<Neighbour> sorted() {
        List<Neighbour> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Neighbour(datasets[i], keys[i], similarities[i]));
        }
        out.sort((a, b) -> a.similarity != b.similarity ? Float.compare(b.similarity, a.similarity)
                : compareKeys(a.dataset, a.key, b.dataset, b.key));
        return out;
    }

    /** Whether the entry at {@code i} ranks below the candidate. */
    private boolean worse(int i, float similarity, String dataset, String key) {
        return similarities[i] != similarity ? similarities[i] < similarity
                : compareKeys(datasets[i], keys[i], dataset, key) > 0;
    }

    private boolean worse(int i, int j) {
        return worse(i, similarities[j], datasets[j], keys[j]);
    }

    private static int compareKeys(String datasetA, String keyA, String datasetB, String keyB) {
        int byDataset = datasetA.compareTo(datasetB);
        return byDataset != 0 ? byDataset : keyA.compareTo(keyB);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!worse(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            int worst = i;
            if (left < size && worse(left, worst)) {
                worst = left;
            }
            if (left + 1 < size && worse(left + 1, worst)) {
                worst = left + 1;
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void set(int i, float similarity, String dataset, String key) {
        similarities[i] = similarity;
        datasets[i] = dataset;
        keys[i] = key;
    }

    private void swap(int i, int j) {
        float similarity = similarities[i];
        String dataset = datasets[i];
        String key = keys[i];
        set(i, similarities[j], datasets[j], keys[j]);
        set(j, similarity, dataset, key);
    }
}
