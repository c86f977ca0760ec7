package org.clipdg.prune;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.clipdg.faiss.Faiss;

/**
 * Semantic deduplication (SemDeDup) as docs/science.md defines it: spherical k-means on the pool's
 * embeddings, then inside each cluster, in order of rising cosine to the centroid (ties by dataset,
 * then key), a sample is kept only if its highest cosine to the samples already kept is
 * {@code <= 1 - eps}. Cosines are float32 inner products of the unit embeddings (BLAS).
 */
public final class SemanticDeduplication {
    /** Candidates compared with the earlier members of their cluster at once (memory: this many rows of products). */
    private static final int CANDIDATE_ROWS = 256;

    /**
     * @param eps removal margin (the original used 0.124)
     * @param clusters k-means clusters; 0 picks one per 1,000 samples
     */
    public record Settings(double eps, int clusters, int iterations, long seed) {
        public Settings {
            if (!(eps > 0 && eps < 2) || clusters < 0 || iterations < 1) {
                throw new IllegalArgumentException("dedup needs 0 < eps < 2, clusters >= 0 and iterations >= 1, got "
                        + eps + ", " + clusters + ", " + iterations);
            }
        }
    }

    /** The pool as one matrix: row i is (datasets[i], keys[i]). */
    public record Pool(String[] datasets, String[] keys, FloatBuffer vectors, int dimension) {
        int size() {
            return keys.length;
        }
    }

    private SemanticDeduplication() {}

    /** Which rows of {@code pool} the rule keeps. */
    public static boolean[] keep(Pool pool, Settings settings) {
        int n = pool.size();
        boolean[] kept = new boolean[n];
        if (n == 0) {
            return kept;
        }
        int clusters = settings.clusters() > 0 ? settings.clusters() : Math.max(1, n / 1000);
        if (clusters > n) {
            throw new IllegalArgumentException("dedup: " + clusters + " clusters for " + n + " pool samples; use at most one per sample");
        }
        int d = pool.dimension();
        float[] centroids = Faiss.sphericalKmeans(pool.vectors().duplicate().clear(), d, clusters, settings.iterations(),
                settings.seed());
        float[] toCentroid = new float[n];
        int[] cluster = new int[n];
        assign(pool, direct(centroids), clusters, toCentroid, cluster);

        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            members.get(cluster[i]).add(i);
        }
        float limit = (float) (1 - settings.eps());
        Comparator<Integer> order = Comparator.comparingDouble((Integer i) -> toCentroid[i])
                .thenComparing(i -> pool.datasets()[i]).thenComparing(i -> pool.keys()[i]);
        for (List<Integer> rows : members) {
            rows.sort(order);
            keepWithinCluster(pool, rows, limit, kept);
        }
        return kept;
    }

    private static void assign(Pool pool, FloatBuffer centroids, int clusters, float[] toCentroid, int[] cluster) {
        int d = pool.dimension();
        FloatBuffer gates = direct(new float[clusters]);
        for (int c = 0; c < clusters; c++) {
            gates.put(c, Float.POSITIVE_INFINITY); // no hits wanted: only each row's best centroid
        }
        int slice = Math.max(1, Math.min(pool.size(), (1 << 22) / clusters));
        FloatBuffer products = direct(new float[slice * clusters]);
        FloatBuffer best = direct(new float[slice]);
        IntBuffer first = ByteBuffer.allocateDirect(slice * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
        IntBuffer noHits = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).asIntBuffer().limit(0);
        for (int start = 0; start < pool.size(); start += slice) {
            int rows = Math.min(slice, pool.size() - start);
            Faiss.innerProducts(pool.vectors().slice(start * d, rows * d), rows, centroids, clusters, d, products);
            Faiss.scanRows(products, rows, clusters, gates, best, first, noHits);
            for (int r = 0; r < rows; r++) {
                toCentroid[start + r] = best.get(r);
                cluster[start + r] = first.get(r);
            }
        }
    }

    /** Greedy in cluster order; candidates are compared with all earlier members in blocks, decided one by one. */
    private static void keepWithinCluster(Pool pool, List<Integer> rows, float limit, boolean[] kept) {
        int d = pool.dimension();
        int m = rows.size();
        FloatBuffer members = ByteBuffer.allocateDirect(m * d * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int row : rows) {
            members.put(pool.vectors().slice(row * d, d));
        }
        members.flip();
        boolean[] keptHere = new boolean[m];
        FloatBuffer products = direct(new float[CANDIDATE_ROWS * m]);
        for (int start = 0; start < m; start += CANDIDATE_ROWS) {
            int candidates = Math.min(CANDIDATE_ROWS, m - start);
            int earlier = start + candidates;
            Faiss.innerProducts(members.slice(start * d, candidates * d), candidates, members, earlier, d, products);
            for (int c = 0; c < candidates; c++) {
                int i = start + c;
                boolean duplicate = false;
                for (int j = 0; j < i && !duplicate; j++) {
                    duplicate = keptHere[j] && products.get(c * earlier + j) > limit;
                }
                keptHere[i] = !duplicate;
                kept[rows.get(i)] = !duplicate;
            }
        }
    }

    private static FloatBuffer direct(float[] values) {
        FloatBuffer buffer = ByteBuffer.allocateDirect(Math.max(1, values.length) * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        buffer.put(values).flip();
        return buffer;
    }
}
