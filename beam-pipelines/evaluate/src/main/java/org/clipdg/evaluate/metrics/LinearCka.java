package org.clipdg.evaluate.metrics;

/**
 * Linear centred kernel alignment (CKA) between two representations of the same n items, with the unbiased HSIC
 * estimator of Song et al. (2012) as used by Nguyen, Raghu and Kornblith (2021).
 *
 * <p>With Gram matrices {@code K = X Xᵀ}, {@code L = Y Yᵀ} and K̃, L̃ equal to K, L with zero diagonals:
 * {@code HSIC₁(K, L) = [tr(K̃ L̃) + (1ᵀK̃1)(1ᵀL̃1) / ((n-1)(n-2)) - 2/(n-2) 1ᵀK̃L̃1] / (n(n-3))} and
 * {@code CKA = HSIC₁(K, L) / sqrt(HSIC₁(K, K) HSIC₁(L, L))}. The features are used as given, not centred: the
 * unbiased estimator is itself invariant to adding a constant vector to every row, so centring would change nothing
 * but rounding (a large common offset does cost digits to cancellation inside the estimator). Matrices are
 * {@code double[rows][columns]}, one row per item, e.g. one class-mean activation vector per class.
 */
public final class LinearCka {
    private LinearCka() {}

    /**
     * Linear CKA between two representations of the same items: 1 for representations that differ only by a rotation,
     * an isotropic scaling or a translation of the features, about 0 for unrelated ones (the unbiased estimate can be
     * slightly negative).
     *
     * @param x {@code [n][p]}, row i is item i
     * @param y {@code [n][q]}, row i is the same item i
     * @return the CKA, or NaN where it is undefined: when a representation is the same for every item (its
     *     self-HSIC is 0) or when {@code HSIC₁(K, K) HSIC₁(L, L) <= 0}
     * @throws IllegalArgumentException if n < 4, the row counts differ or a matrix is ragged or has no columns
     */
    public static double of(double[][] x, double[][] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length);
        }
        double[][] k = gram(x, "x");
        double[][] l = gram(y, "y");
        // A constant representation's self-HSIC is exactly 0, but rounding can leave it slightly positive.
        if (allRowsEqual(x) || allRowsEqual(y)) {
            return Double.NaN;
        }
        double selfProduct = unbiasedHsic(k, k) * unbiasedHsic(l, l);
        return selfProduct > 0 ? unbiasedHsic(k, l) / Math.sqrt(selfProduct) : Double.NaN;
    }

    /**
     * The unbiased HSIC estimator HSIC₁ of two n x n kernel matrices; their diagonals are ignored (treated as 0).
     *
     * @param k {@code [n][n]}
     * @param l {@code [n][n]}
     * @throws IllegalArgumentException if n < 4 or the matrices are not both n x n
     */
    public static double unbiasedHsic(double[][] k, double[][] l) {
        int n = k.length;
        requireAtLeastFourItems(n);
        requireSquare(k, n, "k");
        requireSquare(l, n, "l");
        // tr(K̃L̃) = Σ_ij K̃_ij L̃_ji and 1ᵀK̃L̃1 = Σ_j (column sum of K̃)_j (row sum of L̃)_j, both in O(n²).
        double trace = 0;
        double sumK = 0;
        double sumL = 0;
        double[] columnSumsK = new double[n];
        double[] rowSumsL = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                trace += k[i][j] * l[j][i];
                sumK += k[i][j];
                sumL += l[i][j];
                columnSumsK[j] += k[i][j];
                rowSumsL[i] += l[i][j];
            }
        }
        double sumKL = 0;
        for (int j = 0; j < n; j++) {
            sumKL += columnSumsK[j] * rowSumsL[j];
        }
        double nn = n;
        return (trace + sumK * sumL / ((nn - 1) * (nn - 2)) - 2 / (nn - 2) * sumKL) / (nn * (nn - 3));
    }

    private static double[][] gram(double[][] x, String name) {
        int n = x.length;
        requireAtLeastFourItems(n);
        int columns = x[0].length;
        if (columns == 0) {
            throw new IllegalArgumentException(name + " has no columns");
        }
        for (int i = 1; i < n; i++) {
            if (x[i].length != columns) {
                throw new IllegalArgumentException(name + " row " + i + " has " + x[i].length + " columns, row 0 has "
                        + columns);
            }
        }
        double[][] gram = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double dot = 0;
                for (int c = 0; c < columns; c++) {
                    dot += x[i][c] * x[j][c];
                }
                gram[i][j] = dot;
                gram[j][i] = dot;
            }
        }
        return gram;
    }

    private static boolean allRowsEqual(double[][] x) {
        for (int i = 1; i < x.length; i++) {
            for (int c = 0; c < x[0].length; c++) {
                if (x[i][c] != x[0][c]) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void requireAtLeastFourItems(int n) {
        if (n < 4) {
            throw new IllegalArgumentException("the unbiased HSIC estimator needs at least 4 items, got " + n);
        }
    }

    private static void requireSquare(double[][] matrix, int n, String name) {
        if (matrix.length != n) {
            throw new IllegalArgumentException(name + " has " + matrix.length + " rows, expected " + n);
        }
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException(name + " row " + i + " has " + matrix[i].length
                        + " columns, expected " + n);
            }
        }
    }
}
