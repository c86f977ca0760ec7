package org.clipdg.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearCkaTest {
    private static double[][] gaussian(int rows, int columns, SplittableRandom random) {
        double[][] matrix = new double[rows][columns];
        for (double[] row : matrix) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return matrix;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] product = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int m = 0; m < b.length; m++) {
                    product[i][j] += a[i][m] * b[m][j];
                }
            }
        }
        return product;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** A random orthogonal matrix: Gram-Schmidt on the columns of a Gaussian matrix. */
    private static double[][] rotation(int size, SplittableRandom random) {
        double[][] columns = gaussian(size, size, random);
        for (int c = 0; c < size; c++) {
            for (int previous = 0; previous < c; previous++) {
                double dot = 0;
                for (int i = 0; i < size; i++) {
                    dot += columns[c][i] * columns[previous][i];
                }
                for (int i = 0; i < size; i++) {
                    columns[c][i] -= dot * columns[previous][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < size; i++) {
                norm += columns[c][i] * columns[c][i];
            }
            for (int i = 0; i < size; i++) {
                columns[c][i] /= Math.sqrt(norm);
            }
        }
        return transpose(columns);
    }

    /** Y = X W + noise: related to X but not a rotation of it. */
    private static double[][] related(double[][] x, int columns, SplittableRandom random) {
        double[][] y = multiply(x, gaussian(x[0].length, columns, random));
        for (double[] row : y) {
            for (int c = 0; c < columns; c++) {
                row[c] += 2 * random.nextGaussian();
            }
        }
        return y;
    }

    /** The unbiased HSIC formula written with explicit matrices and ones vectors. */
    private static double directHsic(double[][] k, double[][] l) {
        int n = k.length;
        double[][] kt = new double[n][];
        double[][] lt = new double[n][];
        for (int i = 0; i < n; i++) {
            kt[i] = k[i].clone();
            lt[i] = l[i].clone();
            kt[i][i] = 0;
            lt[i][i] = 0;
        }
        double[][] ones = new double[n][1];
        for (double[] row : ones) {
            row[0] = 1;
        }
        double[][] onesT = transpose(ones);
        double[][] kl = multiply(kt, lt);
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += kl[i][i];
        }
        double sumK = multiply(onesT, multiply(kt, ones))[0][0];
        double sumL = multiply(onesT, multiply(lt, ones))[0][0];
        double sumKL = multiply(onesT, multiply(kl, ones))[0][0];
        return (trace + sumK * sumL / ((n - 1.0) * (n - 2.0)) - 2.0 / (n - 2) * sumKL) / (n * (n - 3.0));
    }

    private static final double[][] X5 = {{1, 0}, {0, 1}, {1, 1}, {2, -1}, {0, 3}};
    private static final double[][] Y5 = {{2, 1, 0}, {0, 1, 1}, {1, 0, 2}, {1, 1, 1}, {3, 0, 1}};

    @Test
    void unbiasedHsicOfASmallCaseMatchesTheFormulaAndExactArithmetic() {
        double[][] k = multiply(X5, transpose(X5));
        double[][] l = multiply(Y5, transpose(Y5));
        // Exact values from rational arithmetic: -19/30, 131/30, 47/30.
        assertEquals(-19.0 / 30, LinearCka.unbiasedHsic(k, l), 1e-14);
        assertEquals(131.0 / 30, LinearCka.unbiasedHsic(k, k), 1e-14);
        assertEquals(47.0 / 30, LinearCka.unbiasedHsic(l, l), 1e-14);
        assertEquals(directHsic(k, l), LinearCka.unbiasedHsic(k, l), 1e-14);
        assertEquals(-19 / Math.sqrt(131.0 * 47), LinearCka.of(X5, Y5), 1e-14);
    }

    @Test
    void unbiasedHsicMatchesTheFormulaOnRandomKernels() {
        SplittableRandom random = new SplittableRandom(5);
        double[][] k = gaussian(6, 6, random);
        double[][] l = gaussian(6, 6, random);
        assertEquals(directHsic(k, l), LinearCka.unbiasedHsic(k, l), 1e-12);
    }

    @Test
    void identicalRepresentationsGiveOne() {
        double[][] x = gaussian(30, 10, new SplittableRandom(1));
        assertEquals(1, LinearCka.of(x, x), 1e-9);
    }

    @Test
    void invariantToRotationScalingAndTranslationOfTheFeatures() {
        SplittableRandom random = new SplittableRandom(2);
        double[][] x = gaussian(40, 8, random);
        double[][] y = related(x, 6, random);
        double cka = LinearCka.of(x, y);
        assertTrue(cka > 0.3 && cka < 0.99, "a non-trivial reference value, got " + cka);

        double[][] q = rotation(8, random);
        double[][] identity = multiply(q, transpose(q));
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                assertEquals(i == j ? 1 : 0, identity[i][j], 1e-12);
            }
        }
        assertEquals(cka, LinearCka.of(multiply(x, q), y), 1e-9);
        assertEquals(cka, LinearCka.of(x, multiply(y, rotation(6, random))), 1e-9);

        double[][] scaled = new double[40][8];
        double[][] shifted = new double[40][8];
        for (int i = 0; i < 40; i++) {
            for (int c = 0; c < 8; c++) {
                scaled[i][c] = 3.7 * x[i][c];
                shifted[i][c] = x[i][c] + (c - 4);
            }
        }
        assertEquals(cka, LinearCka.of(scaled, y), 1e-9);
        assertEquals(cka, LinearCka.of(shifted, y), 1e-9);
        assertEquals(cka, LinearCka.of(y, x), 1e-12);
    }

    @Test
    void independentRepresentationsGiveAboutZero() {
        SplittableRandom random = new SplittableRandom(3);
        double cka = LinearCka.of(gaussian(200, 50, random), gaussian(200, 50, random));
        assertTrue(Math.abs(cka) < 0.1, "CKA of independent representations: " + cka);
    }

    @Test
    void constantRepresentationHasNoCka() {
        double[][] constant = {{1, 2}, {1, 2}, {1, 2}, {1, 2}, {1, 2}};
        assertEquals(Double.NaN, LinearCka.of(constant, Y5));
    }

    @Test
    void rejectsFewerThanFourItemsAndMismatchedShapes() {
        double[][] three = {{1}, {2}, {3}};
        assertThrows(IllegalArgumentException.class, () -> LinearCka.of(three, three));
        assertThrows(IllegalArgumentException.class,
                () -> LinearCka.unbiasedHsic(new double[3][3], new double[3][3]));
        assertThrows(IllegalArgumentException.class, () -> LinearCka.of(X5, new double[][] {{1}, {2}, {3}, {4}}));
        assertThrows(IllegalArgumentException.class,
                () -> LinearCka.of(new double[][] {{1, 2}, {3}, {4, 5}, {6, 7}}, new double[4][1]));
        assertThrows(IllegalArgumentException.class,
                () -> LinearCka.unbiasedHsic(new double[4][4], new double[5][5]));
        double[][] four = {{1, 0}, {0, 1}, {1, 1}, {2, 5}};
        assertTrue(Double.isFinite(LinearCka.of(four, four)));
    }
}
